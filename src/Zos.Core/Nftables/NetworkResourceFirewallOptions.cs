using System.Net;

namespace Zos.Core.Nftables;

/// <summary>Settings of a network resource's ruleset (reference §4.8, plus source-address checks the original lacks).</summary>
public sealed record NetworkResourceFirewallOptions
{
    /// <summary>The link toward ndmz: NAT toward it, nothing new in from it.</summary>
    public string PublicInterface { get; init; } = "public";

    /// <summary>The gateway link of the workloads (n-&lt;netid&gt; on b-&lt;netid&gt;); null: no source checks.</summary>
    public string? WorkloadLink { get; init; }

    /// <summary>
    /// Source prefixes workloads may use (the node's /24 and its ULA /64; fe80::/10 is always allowed for neighbour
    /// discovery). Anything else arriving on <see cref="WorkloadLink"/> is spoofed (e.g. the node's own addresses) and dropped.
    /// </summary>
    public IReadOnlyList<IPNetwork> WorkloadPrefixes { get; init; } = [];
}
