using System.Net;

namespace Zos.Core.Nftables;

/// <summary>Settings of the node's host firewall, which keeps the node listening on nothing from outside.</summary>
public sealed record HostFirewallOptions
{
    /// <summary>Answer ICMP/ICMPv6 echo on the node's own addresses (on by default, as the seed document says).</summary>
    public bool AllowIcmpEcho { get; init; } = true;

    /// <summary>The table Zos owns in the host namespace.</summary>
    public string TableName { get; init; } = "zos-host";

    /// <summary>The NAT table Zos owns in the host namespace (only when <see cref="NdmzLink"/> is set).</summary>
    public string NatTableName { get; init; } = "zos-host-nat";

    /// <summary>Interfaces of user networks whose outgoing SMTP is refused (the NR bridges "b-*").</summary>
    public string UserNetworkInterfacePattern { get; init; } = "b-*";

    /// <summary>
    /// UDP ports open on the node's addresses: the WireGuard listen ports of network resources whose socket lives in
    /// this namespace (no public namespace). The reference (§2.6) counts them among the ports a node exposes.
    /// </summary>
    public IReadOnlyList<ushort> OpenUdpPorts { get; init; } = [];

    /// <summary>
    /// The host end of the link to ndmz, through which all user-network traffic arrives (null: no ndmz link yet).
    /// When set: nothing from it reaches the node itself, it may only leave through <see cref="Uplink"/>, never to
    /// <see cref="ManagementPrefixes"/>, nothing new enters it, and its traffic is masqueraded to the uplink's address.
    /// </summary>
    public string? NdmzLink { get; init; }

    /// <summary>The node's management uplink (the "zos" bridge): user-network egress leaves through it (zos#2010: no second lease).</summary>
    public string Uplink { get; init; } = "zos";

    /// <summary>The farm's management network (the prefixes on the uplink): user networks may not reach it.</summary>
    public IReadOnlyList<IPNetwork> ManagementPrefixes { get; init; } = [];

    /// <summary>Source prefixes of user-network traffic as ndmz forwards it (the ndmz link: 100.127.0.0/16 and fd00::/64).</summary>
    public IReadOnlyList<IPNetwork> UserNetworkSources { get; init; } = [IPNetwork.Parse("100.127.0.0/16"), IPNetwork.Parse("fd00::/64")];
}
