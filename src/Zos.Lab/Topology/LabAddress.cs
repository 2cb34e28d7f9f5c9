using Zos.Core.Primitives;

namespace Zos.Lab.Topology;

/// <summary>A static address on a lab link (namespace null = the host's).</summary>
public sealed record LabAddress(string? Namespace, string Link, InterfaceAddress Address);
