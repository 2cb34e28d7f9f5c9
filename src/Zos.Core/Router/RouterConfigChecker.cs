using Zos.Core.Farms;
using Zos.Core.Primitives;

namespace Zos.Core.Router;

/// <summary>
/// `zos farm router-config --check`: compares what a running router has with what the farm needs and lists what is
/// missing: port addresses, routes of the public subnet/prefix, forwarding, the NAT table. Pure: the caller observes.
/// </summary>
public static class RouterConfigChecker
{
    /// <summary>Whether the check looks at nftables (only a farm whose router NATs its management network needs a table).</summary>
    public static bool NeedsNftables(FarmDefinition farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        return farm.Router is { Nat: true } && farm.Management?.Subnet is not null;
    }

    /// <summary>What <paramref name="observed"/> lacks, one line each; empty when the router is complete.</summary>
    public static IReadOnlyList<string> Missing(FarmDefinition farm, RouterInterfaces interfaces, RouterObservation observed)
    {
        ArgumentNullException.ThrowIfNull(farm);
        ArgumentNullException.ThrowIfNull(interfaces);
        ArgumentNullException.ThrowIfNull(observed);
        var missing = new List<string>();
        var router = farm.Router ?? throw new ArgumentException($"farm '{farm.Name}' has no router section", nameof(farm));
        foreach (var port in router.Ports)
        {
            var dev = interfaces.For(port);
            if (!observed.Links.TryGetValue(dev, out var addresses))
            {
                missing.Add(port is { Trunk: { } trunk, Vlan: { } vid }
                    ? $"interface {dev} (VLAN {vid} tagged on trunk {trunk}) does not exist: run {RouterConfigFiles.VlanLinksFile}"
                    : $"interface {dev} (port on segment {RouterInterfaces.SegmentName(port.Switch ?? "", port.Vlan)}) does not exist");
                continue;
            }
            foreach (var want in new[] { port.Ipv4, port.Ipv6 }.OfType<InterfaceAddress>())
            {
                if (!addresses.Contains(want))
                    missing.Add($"address {want} on {dev}");
            }
        }
        foreach (var prefix in RouterConfigGenerator.PublicPrefixes(farm))
        {
            // Connected routes count: the kernel installs them for the port's own subnet.
            if (!observed.Routes.Any(d => d.PrefixLength > 0 && d.BaseAddress.AddressFamily == prefix.BaseAddress.AddressFamily && d.Contains(prefix.BaseAddress) && d.PrefixLength <= prefix.PrefixLength))
                missing.Add($"route for {prefix} onto the public segment");
        }
        if (!observed.Ipv4Forwarding)
            missing.Add("IPv4 forwarding (net.ipv4.ip_forward = 1)");
        if (!observed.Ipv6Forwarding)
            missing.Add("IPv6 forwarding (net.ipv6.conf.all.forwarding = 1)");
        if (NeedsNftables(farm) && observed.NftablesTables?.Contains(RouterConfigGenerator.NatTable) != true)
            missing.Add($"nftables table ip {RouterConfigGenerator.NatTable} (NAT of the management network {farm.Management!.Subnet})");
        return missing;
    }
}
