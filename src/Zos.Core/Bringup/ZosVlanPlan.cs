using Zos.Core.Naming;

namespace Zos.Core.Bringup;

/// <summary>
/// Which VLANs the bridge zos carries for vlan:priv and vlan:pub (zos-networking.md §1.3 step 7 and §3.2, single-switch
/// trunks): management on the bridge's own port, both VIDs tagged on the NIC, and in single-NIC mode the public VID as
/// the untagged PVID of the tozos port, so br-pub's frames leave the NIC tagged. Unlike upstream, vlan:pub alone
/// works: filtering is on whenever either VID is set (upstream turned it on only with vlan:priv, so a lone vlan:pub
/// was a no-op).
/// </summary>
public static class ZosVlanPlan
{
    /// <summary>The default VID of every bridge port (the bridge's default_pvid), removed where another VID replaces it.</summary>
    public const ushort DefaultVid = 1;

    /// <summary>Whether zos needs vlan_filtering: as soon as either VID is set.</summary>
    public static bool NeedsFiltering(ushort? privateVlan, ushort? publicVlan) => privateVlan is not null || publicVlan is not null;

    /// <summary>The steps for the bridge's own port and the NIC port once the NIC is behind zos.</summary>
    public static IReadOnlyList<BridgeVlanStep> ForNic(string nic, ushort? privateVlan, ushort? publicVlan)
    {
        ArgumentException.ThrowIfNullOrEmpty(nic);
        var steps = new List<BridgeVlanStep>();
        if (privateVlan is { } priv)
        {
            // Management is untagged on zos's own port (its addresses and DHCP client) and tagged on the wire.
            steps.Add(new BridgeVlanStep(InterfaceNames.ZosBridge, DefaultVid, Add: false, Self: true));
            steps.Add(new BridgeVlanStep(InterfaceNames.ZosBridge, priv, Add: true, Pvid: true, Untagged: true, Self: true));
        }
        // With both VIDs set nothing on the wire is untagged; with one, untagged frames still carry the other network.
        if (privateVlan is not null && publicVlan is not null)
            steps.Add(new BridgeVlanStep(nic, DefaultVid, Add: false));
        if (privateVlan is { } p)
            steps.Add(new BridgeVlanStep(nic, p, Add: true));
        if (publicVlan is { } pub)
            steps.Add(new BridgeVlanStep(nic, pub, Add: true));
        return steps;
    }

    /// <summary>The steps for the tozos port of zos in single-NIC mode: br-pub's traffic becomes VID <paramref name="publicVlan"/> on zos.</summary>
    public static IReadOnlyList<BridgeVlanStep> ForToZos(ushort? publicVlan) => publicVlan is { } pub
        ? [new BridgeVlanStep(InterfaceNames.ToZos, DefaultVid, Add: false), new BridgeVlanStep(InterfaceNames.ToZos, pub, Add: true, Pvid: true, Untagged: true)]
        : [];

    /// <summary>
    /// The steps for br-pub in dual-NIC mode with vlan:pub (upstream ignores vlan:pub there with a warning, zos#2085):
    /// the public macvlan sends through the bridge's own port, so that port carries the VID untagged and the NIC tagged.
    /// </summary>
    public static IReadOnlyList<BridgeVlanStep> ForPublicBridge(string nic, ushort? publicVlan)
    {
        ArgumentException.ThrowIfNullOrEmpty(nic);
        return publicVlan is { } pub
            ?
            [
                new BridgeVlanStep(InterfaceNames.PublicBridge, DefaultVid, Add: false, Self: true),
                new BridgeVlanStep(InterfaceNames.PublicBridge, pub, Add: true, Pvid: true, Untagged: true, Self: true),
                new BridgeVlanStep(nic, DefaultVid, Add: false),
                new BridgeVlanStep(nic, pub, Add: true),
            ]
            : [];
    }
}
