using System.Net;
using System.Security.Cryptography;
using System.Text;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;

namespace Zos.Node.Network;

/// <summary>
/// <c>zos node attach</c>: plugs a namespace (a container or VM stand-in) into a network resource with a veth whose
/// host end "t-&lt;hash&gt;" is on b-&lt;netid&gt; and whose other end gets the §4.6 addresses and routes.
/// </summary>
public sealed class WorkloadAttacher(NodeStateStore store, string? hostNamespace)
{
    /// <summary>Attaches <paramref name="workloadNamespace"/>; returns the addressing applied. Errors name the value at fault.</summary>
    public WorkloadAddressing Attach(string network, IPAddress ip, string workloadNamespace, string interfaceName = "eth0")
    {
        var state = store.Load();
        var entry = state.Networks.FirstOrDefault(n => n.Name == network || n.NetId == network)
            ?? throw new ArgumentException($"network '{network}' is not deployed on this node (state {store.Path})", nameof(network));
        if (!NetId.TryParse(entry.NetId, out var netId) || !IPNetwork.TryParse(entry.Range, out var range) || !IPNetwork.TryParse(entry.Subnet, out var subnet))
            throw new InvalidDataException($"network '{network}' in {store.Path} lacks a valid netId, range or subnet");
        var addressing = WorkloadAddressing.For(netId, range, subnet, ip);
        if (!NetworkNamespace.Exists(workloadNamespace))
            throw new ArgumentException($"netns '{workloadNamespace}' does not exist", nameof(workloadNamespace));

        // Same namespace + ip always gives the same host link name, so a second attach finds the first.
        var hostEnd = "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{workloadNamespace}|{netId}|{ip}")))[..12];
        using var host = hostNamespace is null ? RouteNetlink.Open() : RouteNetlink.Open(hostNamespace);
        using var target = NetworkNamespace.Open(workloadNamespace);
        if (host.FindLink(hostEnd) is null)
        {
            host.CreateVeth(hostEnd, interfaceName, new LinkCreateOptions { Master = netId.BridgeName, Up = true },
                new LinkCreateOptions { Namespace = target, Up = true });
        }
        using var nl = RouteNetlink.Open(target);
        nl.SetUp("lo");
        nl.SetUp(interfaceName);
        nl.EnsureAddress(interfaceName, addressing.Ipv4.Address, addressing.Ipv4.PrefixLength);
        nl.EnsureAddress(interfaceName, addressing.Ipv6.Address, addressing.Ipv6.PrefixLength, AddressFlags.NoDad);
        foreach (var r in addressing.RoutesViaGateway)
            nl.EnsureRoute(new RouteSpec(r) { Gateway = addressing.Gateway4, Device = interfaceName });
        nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = addressing.Gateway4, Device = interfaceName });
        nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("::/0")) { Gateway = addressing.Gateway6, Device = interfaceName });
        return addressing;
    }
}
