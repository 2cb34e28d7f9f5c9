using System.Net.Sockets;
using Zos.Core.Nftables;
using Zos.Lab.Topology;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;
using Zos.Linux.Sysctl;

namespace Zos.Lab.Runtime;

/// <summary>
/// Realises the cabling of a <see cref="LabPlan"/> with our own netlink code: namespaces, switch bridges, veth
/// cables, VM taps, addresses, routes, forwarding and the internet's NAT toward the host. Every namespace and host link is
/// recorded through <paramref name="record"/> before it is created, so `lab down` finds it even after a crash.
/// </summary>
public sealed class LabNetworkBuilder(Action<string?, string> record)
{
    /// <summary>The internet masquerades what goes to the host, so the host needs no routes into the lab.</summary>
    public const string InternetNatTable = "zos-lab";

    public async Task BuildAsync(LabPlan plan, CancellationToken cancellationToken)
    {
        foreach (var ns in plan.Namespaces)
        {
            record(ns.Name, "");
            using var created = NetworkNamespace.Ensure(ns.Name);
            using var nl = RouteNetlink.Open(created);
            nl.SetUp("lo");
            // Lab hosts answer at once: no duplicate address detection delay on the lab's own IPv6 addresses.
            NamespaceSysctl.Write(created, "net.ipv6.conf.default.accept_dad", "0");
            NamespaceSysctl.Write(created, "net.ipv6.conf.all.accept_dad", "0");
        }
        foreach (var bridge in plan.Bridges)
        {
            using var nl = RouteNetlink.Open(bridge.Namespace);
            nl.EnsureBridge(bridge.Name, options: new LinkCreateOptions { Up = true });
            nl.SetUp(bridge.Name);
        }
        foreach (var veth in plan.Veths)
            Cable(veth);
        foreach (var tap in plan.Taps)
        {
            // Created before qemu starts, so the NIC has carrier the moment the ROM sends its first DHCP discover.
            using var nl = RouteNetlink.Open(tap.Namespace);
            if (nl.FindLink(tap.Name) is null)
                nl.CreateTap(tap.Name);
            nl.SetMaster(tap.Name, tap.Master);
            nl.SetUp(tap.Name);
        }
        foreach (var address in plan.Addresses)
        {
            using var nl = Open(address.Namespace);
            nl.EnsureAddress(address.Link, address.Address.Address, address.Address.PrefixLength,
                address.Address.Family == AddressFamily.InterNetworkV6 ? AddressFlags.NoDad : AddressFlags.None);
        }
        foreach (var ns in plan.ForwardingNamespaces)
        {
            using var handle = NetworkNamespace.Open(ns);
            NamespaceSysctl.Write(handle, "net.ipv4.ip_forward", "1");
            NamespaceSysctl.Write(handle, "net.ipv6.conf.all.forwarding", "1");
        }
        foreach (var route in plan.Routes)
        {
            using var nl = RouteNetlink.Open(route.Namespace);
            nl.EnsureRoute(new RouteSpec(route.Destination) { Gateway = route.Gateway });
        }
        var nat = new NftRuleset([
            new NftTable(NftFamily.Ip, InternetNatTable, [
                new NftChain("postrouting", new NftBaseChain(NftChainType.Nat, NftHook.Postrouting, 100, NftPolicy.Accept),
                    [new NftRule([NftInterfaceMatch.Out("host")], [new NftMasquerade()], "lab traffic toward the host's registry")]),
            ]),
        ]);
        await new NftApplier().ApplyAsync(LabPlanner.InternetNamespace, nat, cancellationToken).ConfigureAwait(false);
    }

    private void Cable(LabVeth veth)
    {
        if (veth.A.Namespace is null)
            record(null, veth.A.Name);
        using var nsA = veth.A.Namespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(veth.A.Namespace);
        using var nsB = veth.B.Namespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(veth.B.Namespace);
        using var nlA = RouteNetlink.Open(nsA);
        if (nlA.FindLink(veth.A.Name) is null)
        {
            nlA.CreateVeth(veth.A.Name, veth.B.Name,
                new LinkCreateOptions { Mac = veth.A.Mac },
                new LinkCreateOptions { Namespace = nsB, Mac = veth.B.Mac });
        }
        using var nlB = RouteNetlink.Open(nsB);
        if (veth.B.Master is { } master)
            nlB.SetMaster(veth.B.Name, master);
        nlB.SetUp(veth.B.Name);
        nlA.SetUp(veth.A.Name);
    }

    private static RouteNetlink Open(string? ns) => ns is null ? RouteNetlink.Open() : RouteNetlink.Open(ns);
}
