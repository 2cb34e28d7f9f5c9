namespace Zos.Linux.Nftables;

/// <summary>Settings of the node's host firewall (issue 7).</summary>
public sealed record HostFirewallOptions
{
    /// <summary>Answer ICMP/ICMPv6 echo on the node's own addresses (on by default, as the seed document says).</summary>
    public bool AllowIcmpEcho { get; init; } = true;

    /// <summary>The table Zos owns in the host namespace.</summary>
    public string TableName { get; init; } = "zos-host";

    /// <summary>Interfaces of user networks whose outgoing SMTP is refused (the NR bridges "b-*").</summary>
    public string UserNetworkInterfacePattern { get; init; } = "b-*";
}
