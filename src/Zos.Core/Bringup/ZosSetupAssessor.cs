using System.Net;

namespace Zos.Core.Bringup;

/// <summary>
/// Decides, from what the kernel shows at daemon start, whether an existing <c>zos</c> setup is kept, repaired or
/// absent. A restart of the daemon must not disturb a working node (no bridge re-creation, the lease address
/// stays); a bring-up interrupted half-way is completed rather than torn down.
/// </summary>
public static class ZosSetupAssessor
{
    public static ZosSetupPlan Assess(ObservedZosSetup observed, bool vlanFilteringWanted)
    {
        if (!observed.Exists)
            return new ZosSetupPlan(ZosSetupVerdict.Absent, null, [], "no zos bridge");
        if (!observed.IsBridge)
        {
            return new ZosSetupPlan(ZosSetupVerdict.HalfDone, null,
                [new RepairAction(RepairKind.DeleteForeignLink), new RepairAction(RepairKind.ProbeAndAttach)],
                "a link named zos exists but is not a bridge");
        }

        var actions = new List<RepairAction>();
        var physical = observed.Ports.Where(p => p.IsPhysical).ToList();
        // The NIC that belongs is the one whose MAC the bridge carries; otherwise the first one (by name).
        var nic = physical.FirstOrDefault(p => p.Mac == observed.Mac)
            ?? physical.OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        if (nic is null)
        {
            actions.Add(new RepairAction(RepairKind.ProbeAndAttach));
        }
        else
        {
            foreach (var extra in physical.Where(p => p != nic).OrderBy(p => p.Name, StringComparer.Ordinal))
                actions.Add(new RepairAction(RepairKind.ReleasePort, extra.Name));
            if (observed.Mac != nic.Mac)
                actions.Add(new RepairAction(RepairKind.SetBridgeMac, nic.Name));
            if (!nic.IsUp)
                actions.Add(new RepairAction(RepairKind.SetPortUp, nic.Name));
            if (!nic.Ipv6Disabled)
                actions.Add(new RepairAction(RepairKind.DisablePortIpv6, nic.Name));
        }
        if (!observed.IsUp)
            actions.Add(new RepairAction(RepairKind.SetBridgeUp));
        if (observed.VlanFiltering != vlanFilteringWanted)
            actions.Add(new RepairAction(RepairKind.SetVlanFiltering));

        var hasIpv4 = observed.Ipv4Addresses.Any(a => !IsLinkLocal4(a));
        var hasIpv6 = observed.GlobalIpv6Addresses.Count > 0 && observed.HasDefaultRoute;
        if (!hasIpv4 && !hasIpv6)
            actions.Add(new RepairAction(RepairKind.AwaitLease));

        if (actions.Count == 0)
            return new ZosSetupPlan(ZosSetupVerdict.Healthy, nic!.Name, [], $"zos bridge with {nic.Name} and an address is up");
        var reason = string.Join(", ", actions.Select(Describe));
        return new ZosSetupPlan(ZosSetupVerdict.HalfDone, nic?.Name, actions, reason);
    }

    private static bool IsLinkLocal4(IPAddress a) => a.GetAddressBytes() is [169, 254, ..];

    private static string Describe(RepairAction a) => a.Kind switch
    {
        RepairKind.DeleteForeignLink => "zos is not a bridge",
        RepairKind.ProbeAndAttach => "no NIC enslaved",
        RepairKind.ReleasePort => $"extra NIC {a.Link} enslaved",
        RepairKind.SetBridgeMac => $"bridge MAC differs from {a.Link}",
        RepairKind.SetBridgeUp => "bridge down",
        RepairKind.SetPortUp => $"{a.Link} down",
        RepairKind.DisablePortIpv6 => $"IPv6 enabled on {a.Link}",
        RepairKind.SetVlanFiltering => "vlan_filtering differs",
        RepairKind.AwaitLease => "no address on zos",
        _ => a.Kind.ToString(),
    };
}
