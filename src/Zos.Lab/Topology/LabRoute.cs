using System.Net;

namespace Zos.Lab.Topology;

/// <summary>A static route in a lab namespace.</summary>
public sealed record LabRoute(string Namespace, IPNetwork Destination, IPAddress Gateway);
