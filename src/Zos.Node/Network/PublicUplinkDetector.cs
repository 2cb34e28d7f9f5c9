using Zos.Core.Naming;
using Zos.Core.Public;
using Zos.Core.Reconcile;
using Zos.Node.Bringup;

namespace Zos.Node.Network;

/// <summary>
/// Chooses br-pub's uplink once the node is online (reference §3.2): the NIC declared in the node config wins;
/// otherwise the choice kept from an earlier run while that NIC is still there and plugged; otherwise each free,
/// plugged physical NIC (not zos's, not enslaved elsewhere) is probed in a throw-away namespace by the bring-up prober
/// for a public IPv6 by RA or a public IPv4 by DHCP; otherwise single-NIC mode. The choice is kept in
/// <see cref="PublicUplinkStore"/>. Probing happens only when a second NIC exists, so a one-NIC node decides at once.
/// </summary>
public sealed class PublicUplinkDetector(ILinkControl links, INicProber prober, NicProbeSettings probeSettings,
    IReadOnlySet<string> physicalKinds, string? declaredNic, PublicUplinkStore store, TimeProvider time)
{
    // Veths the daemon makes itself: where veths stand for NICs (the lab) they must never be taken for one.
    private static readonly HashSet<string> s_ownLinks = new(StringComparer.Ordinal) { InterfaceNames.ToZos, InterfaceNames.PublicToZos, NdmzUplink.HostLink };

    public async Task<PublicUplinkChoice> ChooseAsync(CancellationToken ct)
    {
        var all = links.ListLinks();
        var bridge = all.FirstOrDefault(l => l.Name == InterfaceNames.PublicBridge);
        // A NIC already on br-pub (our uplink from before a restart) counts as free: it must not be probed, it is in use.
        var free = all.Where(l => physicalKinds.Contains(l.Kind) && !s_ownLinks.Contains(l.Name) && (l.MasterIndex is null || l.MasterIndex == bridge?.Index))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        var persisted = store.Load();
        var unprobed = free.Select(l => new PublicNicProbe(l.Name, l.HasCarrier || l.MasterIndex is not null, false, false)).ToList();
        PublicUplinkChoice choice;
        if (declaredNic is not null)
            choice = PublicUplinkSelector.Choose(declaredNic, persisted, unprobed);
        else if (persisted is { Kind: PublicUplinkKind.Nic, Nic: { } kept } && unprobed.Any(p => p.Name == kept && p.Plugged))
            choice = PublicUplinkSelector.Choose(null, persisted, unprobed);
        else
        {
            var probes = new List<PublicNicProbe>();
            foreach (var link in free)
            {
                if (link.MasterIndex is not null)
                    probes.Add(new PublicNicProbe(link.Name, true, false, false));
                else
                    probes.Add(PublicNicProbe.From(await prober.ProbeAsync(link, probeSettings, new NicProbeProgress(link.Name, time), ct)));
            }
            choice = PublicUplinkSelector.Choose(null, persisted, probes);
        }
        store.Save(choice);
        return choice;
    }
}
