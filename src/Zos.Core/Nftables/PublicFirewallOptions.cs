namespace Zos.Core.Nftables;

/// <summary>
/// Settings of the <c>public</c> namespace's firewall: the farm's public addresses live there, and so do the sockets of
/// the node's WireGuard devices while the namespace exists, so it is the node's face to the Internet.
/// </summary>
public sealed record PublicFirewallOptions
{
    /// <summary>Answer ICMP/ICMPv6 echo on the public addresses (the farm's setting; answered by default, as the setup document says).</summary>
    public bool AllowIcmpEcho { get; init; } = true;

    /// <summary>The table Zos owns in the public namespace.</summary>
    public string TableName { get; init; } = "zos-public";

    /// <summary>UDP ports open on the public addresses: the WireGuard listen ports of the node's networks, whose sockets live here.</summary>
    public IReadOnlyList<ushort> OpenUdpPorts { get; init; } = [];
}
