using Zos.Core.Farms;
using Zos.Core.Primitives;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;
using Zos.Linux.Sysctl;

namespace Zos.Lab.Router;

/// <summary>
/// `zos farm router-config --check`: compares a running router (the host, or a namespace) with what the farm
/// needs and lists what is missing: port addresses, routes of the public subnet/prefix, forwarding, the NAT table.
/// </summary>
public static class RouterConfigChecker
{
    public static async Task<IReadOnlyList<string>> CheckAsync(FarmDefinition farm, RouterInterfaces interfaces, string? networkNamespace, CancellationToken ct)
    {
        var missing = new List<string>();
        var router = farm.Router ?? throw new ArgumentException($"farm '{farm.Name}' has no router section", nameof(farm));
        using var ns = networkNamespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(networkNamespace);
        using var nl = RouteNetlink.Open(ns);
        var addresses = nl.GetAddresses();
        var links = nl.GetLinks().ToDictionary(l => l.Index, l => l.Name);
        foreach (var port in router.Ports)
        {
            var dev = interfaces.For(port);
            if (nl.FindLink(dev) is null)
            {
                missing.Add($"interface {dev} (port on segment {RouterInterfaces.SegmentName(port.Switch ?? "", port.Vlan)}) does not exist");
                continue;
            }
            foreach (var want in new[] { port.Ipv4, port.Ipv6 }.OfType<InterfaceAddress>())
            {
                if (!addresses.Any(a => links.GetValueOrDefault(a.LinkIndex) == dev && a.Address.Equals(want.Address) && a.PrefixLength == want.PrefixLength))
                    missing.Add($"address {want} on {dev}");
            }
        }
        var routes = nl.GetRoutes();
        foreach (var prefix in RouterConfigGenerator.PublicPrefixes(farm))
        {
            // Connected routes count: the kernel installs them for the port's own subnet.
            if (!routes.Any(r => r.Destination is var d && !r.IsDefault && d.BaseAddress.AddressFamily == prefix.BaseAddress.AddressFamily && d.Contains(prefix.BaseAddress) && d.PrefixLength <= prefix.PrefixLength))
                missing.Add($"route for {prefix} onto the public segment");
        }
        if (NamespaceSysctl.Read(ns, "net.ipv4.ip_forward") != "1")
            missing.Add("IPv4 forwarding (net.ipv4.ip_forward = 1)");
        if (NamespaceSysctl.Read(ns, "net.ipv6.conf.all.forwarding") != "1")
            missing.Add("IPv6 forwarding (net.ipv6.conf.all.forwarding = 1)");
        if (router.Nat && farm.Management?.Subnet is { } oob)
        {
            var live = await new NftApplier().ReadAsync(networkNamespace, ct).ConfigureAwait(false);
            if (!live.Tables.Any(t => t.Name == RouterConfigGenerator.NatTable))
                missing.Add($"nftables table ip {RouterConfigGenerator.NatTable} (NAT of the management network {oob})");
        }
        return missing;
    }

}
