using System.Net;

namespace Zos.Core.Farms;

/// <summary>An IPv6 prefix routed to the farm (a /64 is enough; a /48 is advised to provide IPv6 transit).</summary>
public sealed record PublicIpv6Prefix
{
    public IPNetwork? Prefix { get; init; }

    /// <summary>The router's address on the public segment, if static; otherwise nodes learn it from RAs.</summary>
    public IPAddress? Gateway { get; init; }
}
