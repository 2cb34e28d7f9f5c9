using Zos.Core.Primitives;

namespace Zos.Lab.Topology;

/// <summary>One end of a veth pair: its namespace (null = the host's), name, MAC and the bridge it is a port of.</summary>
public sealed record LinkEnd(string? Namespace, string Name, MacAddress? Mac = null, string? Master = null);
