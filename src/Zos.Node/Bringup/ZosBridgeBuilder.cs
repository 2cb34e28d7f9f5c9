using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Puts a NIC behind the bridge zos (zos-networking.md §1.3 steps 3-7 and §1.6): the bridge takes the NIC's MAC
/// (DHCP reservations keyed on it still apply), vlan_filtering only when vlan:priv or vlan:pub is set (this kernel
/// family may lack it), IPv6 on zos only, and vlan:priv/vlan:pub as bridge VLAN membership (<see cref="ZosVlanPlan"/>).
/// Every step is idempotent so a half-done setup is completed by running it again.
/// </summary>
public static class ZosBridgeBuilder
{
    public static void Attach(ILinkControl links, string nic, Zos.Core.Primitives.MacAddress nicMac, ushort? privateVlan, ushort? publicVlan)
    {
        const string zos = ZosSetupObserver.Bridge;
        links.EnsureBridge(zos, vlanFiltering: ZosVlanPlan.NeedsFiltering(privateVlan, publicVlan));
        links.SetSysctl($"net/ipv6/conf/{zos}/disable_ipv6", "0");
        // With forwarding on, accept_ra=1 ignores RAs (linux-on-this-machine.md §4); 2 keeps the RA default route.
        if (links.GetSysctl("net/ipv6/conf/all/forwarding") == "1")
            links.SetSysctl($"net/ipv6/conf/{zos}/accept_ra", "2");
        links.SetMac(zos, nicMac);
        links.SetMaster(nic, zos);
        links.SetSysctl($"net/ipv6/conf/{nic}/disable_ipv6", "1");
        links.SetUp(nic, true);
        links.SetUp(zos, true);
        foreach (var step in ZosVlanPlan.ForNic(nic, privateVlan, publicVlan))
        {
            if (step.Add)
                links.BridgeVlanAdd(step.Device, step.Vid, step.Pvid, step.Untagged, step.Self);
            else
                links.BridgeVlanDelete(step.Device, step.Vid, step.Self);
        }
    }

    /// <summary>
    /// Releases the NIC from zos so it can be probed again (the bridge itself stays), and forgets what zos learnt on
    /// that NIC's segment: its IPv4 lease and default route, its SLAAC addresses and RA routes. Left in place they
    /// would be reported to the registry and tried first once zos sits on another segment.
    /// </summary>
    public static void Detach(ILinkControl links, string nic)
    {
        const string zos = ZosSetupObserver.Bridge;
        links.SetMaster(nic, null);
        links.SetSysctl($"net/ipv6/conf/{nic}/disable_ipv6", "0");
        foreach (var a in links.ListAddresses(zos).Where(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
            links.RemoveAddress(zos, a.Address, a.PrefixLength);
        links.RemoveDefaultRoute4(zos);
        // Turning IPv6 off drops every IPv6 address and RA-learnt route of the link (net/ipv6/addrconf.c, addrconf_ifdown);
        // on again, zos autoconfigures afresh from the next segment's router advertisements.
        links.SetSysctl($"net/ipv6/conf/{zos}/disable_ipv6", "1");
        links.SetSysctl($"net/ipv6/conf/{zos}/disable_ipv6", "0");
    }
}
