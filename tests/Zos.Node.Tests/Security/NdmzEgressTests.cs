using System.Net;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;
using Xunit;

namespace Zos.Node.Tests.Security;

/// <summary>
/// Network-resource egress: workload → n-&lt;netid&gt; (NAT to its lease) → ndmz (routes only) → host (NAT to the
/// node's own zos address) → farm router → internet. No second DHCP lease is taken on the farm network (zos#2010).
/// </summary>
public sealed class NdmzEgressTests
{
    [Fact]
    public async Task Reconcile_WorkloadInNetwork_ReachesInternetThroughZosAddressWithoutSecondLease()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "ping", "nc", "dnsmasq");
        await using var node = SecuredNode.Create();
        // A working DHCP server on the farm network: any lease ndmz took would show in its lease file.
        node.Lan.StartDhcp();
        var part = node.Part("egress", "10.20.0.0/16", "10.20.3.0/24");
        await node.DeployAsync(1, part);
        var (workload, _) = node.Workload("egress", "10.20.3.2");
        var port = node.Farm.NextPort();
        using var listener = NamespaceListener.Listen(node.Farm.Internet, port);

        Assert.True(SecuredNode.PingsWithin(5, workload, TestFarm.InternetAddress4), "IPv4 ping from the workload to the internet");
        Assert.True(SecuredNode.PingsWithin(5, workload, TestFarm.InternetAddress6, "-6"), "IPv6 ping from the workload to the internet");
        Assert.True(SecuredNode.Connects(workload, TestFarm.InternetAddress6, port));
        using var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);

        // IPv6 is routed by the farm router, so the internet sees the source as the node's own zos address.
        Assert.Equal(IPAddress.Parse(SecuredNode.Zos6), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
        Assert.Empty(node.Lan.Leases());
        Assert.Contains("tohost", node.Farm.InNs(node.Ndmz, "ip", "route", "show", "default").StdOut, StringComparison.Ordinal);
    }
}
