using System.Net.Sockets;
using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>Reads what the kernel shows of the bridge zos into an <see cref="ObservedZosSetup"/>.</summary>
public static class ZosSetupObserver
{
    public const string Bridge = "zos";

    public static ObservedZosSetup Observe(ILinkControl links, Func<HostLink, bool> isPhysical)
    {
        var all = links.ListLinks();
        var zos = all.FirstOrDefault(l => l.Name == Bridge);
        if (zos is null)
            return ObservedZosSetup.Absent;
        var isBridge = zos.Kind == "bridge";
        var ports = all.Where(l => l.MasterIndex == zos.Index)
            .Select(l => new ObservedPort(l.Name, l.Mac, isPhysical(l), l.IsUp, links.GetSysctl($"net/ipv6/conf/{l.Name}/disable_ipv6") == "1"))
            .ToList();
        var addresses = links.ListAddresses(Bridge);
        return new ObservedZosSetup(
            true,
            isBridge,
            zos.Mac,
            zos.IsUp,
            isBridge && links.GetVlanFiltering(Bridge),
            ports,
            addresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => a.Address).ToList(),
            addresses.Where(a => !a.Tentative && PrivateAddresses.IsGlobalIpv6(a.Address)).Select(a => a.Address).ToList(),
            links.HasDefaultRoute(Bridge, ipv6: true));
    }
}
