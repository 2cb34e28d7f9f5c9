namespace Zos.Node.Bringup;

/// <summary>
/// How one NIC is probed: carrier wait, DHCP rounds of <see cref="DhcpTryTimeout"/> each, IPv6 wait, and the VLAN to
/// probe on (vlan:priv: the probe runs on &lt;nic&gt;.&lt;vid&gt;, since on a trunk the untagged DISCOVER gets no offer).
/// </summary>
public sealed record NicProbeSettings(TimeSpan CarrierWait, int DhcpTries, TimeSpan Ipv6Wait, ushort? Vlan)
{
    /// <summary>How long each DHCP try waits for an offer (udhcpc -T, whole seconds).</summary>
    public TimeSpan DhcpTryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A NIC whose probe ran to its end without a usable answer keeps its probe namespace (and its IPv6 state there)
    /// until the next round or <see cref="INicProber.ReleaseParked"/>, so the next round carries on where it stopped.
    /// </summary>
    public bool KeepUpBetweenRounds { get; init; }

    /// <summary>The link the DHCP probe and the RA watch run on: the NIC itself, or its VLAN link.</summary>
    public string ProbeLink(string nic) => Vlan is { } vid ? VlanLinkName(nic, vid) : nic;

    /// <summary>&lt;nic&gt;.&lt;vid&gt; as iproute2 and upstream name it, shortened so it fits IFNAMSIZ (15 characters).</summary>
    public static string VlanLinkName(string nic, ushort vid)
    {
        var suffix = "." + vid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (nic.Length + suffix.Length <= 15 ? nic : nic[..(15 - suffix.Length)]) + suffix;
    }
}
