namespace Zos.Linux.Nftables;

/// <summary>Settings of the ndmz namespace's ruleset (reference §2.3).</summary>
public sealed record NdmzFirewallOptions
{
    /// <summary>The uplinks: NAT toward them, nothing new in from them.</summary>
    public IReadOnlyList<string> Uplinks { get; init; } = ["npub4", "npub6"];

    /// <summary>The link toward the network resources.</summary>
    public string NetworkResourceLink { get; init; } = "tonrs";

    /// <summary>TCP ports open from the uplinks: Yggdrasil 9943/9944/9945 and mycelium 9651 (the original closed 9651, zos#2640; the legacy 8051 is gone).</summary>
    public IReadOnlyList<ushort> OpenTcpPorts { get; init; } = [9943, 9944, 9945, 9651];

    /// <summary>Answer ICMPv4 echo (the original dropped it).</summary>
    public bool AllowIcmpEcho { get; init; } = true;
}
