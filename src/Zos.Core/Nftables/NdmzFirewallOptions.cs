namespace Zos.Core.Nftables;

/// <summary>Settings of the ndmz namespace's ruleset (reference §2.3).</summary>
public sealed record NdmzFirewallOptions
{
    /// <summary>The uplinks: nothing new in from them (and NAT toward them when <see cref="Masquerade"/>).</summary>
    public IReadOnlyList<string> Uplinks { get; init; } = ["npub4", "npub6"];

    /// <summary>
    /// Masquerade toward the uplinks (the original's npub4/npub6). False when ndmz only routes and the host masquerades
    /// to its own zos address (no second lease on the farm network, zos#2010).
    /// </summary>
    public bool Masquerade { get; init; } = true;

    /// <summary>The link toward the network resources.</summary>
    public string NetworkResourceLink { get; init; } = "tonrs";

    /// <summary>TCP ports open from the uplinks: Yggdrasil 9943/9944/9945 and mycelium 9651 (the original closed 9651, zos#2640; the legacy 8051 is gone).</summary>
    public IReadOnlyList<ushort> OpenTcpPorts { get; init; } = [9943, 9944, 9945, 9651];

    /// <summary>Answer ICMPv4 echo (the original dropped it).</summary>
    public bool AllowIcmpEcho { get; init; } = true;
}
