using Xunit;
using Zos.Linux.Dhcp;
using Zos.Testing;

namespace Zos.Linux.Tests.Dhcp;

public class DhcpClientTests
{
    private static async Task<DhcpScriptEvent> NextAsync(DhcpClient client, params DhcpEventKind[] kinds)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var ev = await client.Events.ReadAsync(cts.Token);
            if (kinds.Contains(ev.Kind))
                return ev;
        }
    }

    [Fact]
    public async Task Start_GoodNic_BoundThenRenewOnRequestThenReleaseOnStop()
    {
        Require.Privileged("ip", "busybox", "dnsmasq", "ss");
        await using var sw = await DhcpTestSwitch.StartAsync(leaseTime: "2m");
        UdhcpcLease lease;
        await using (var client = DhcpClient.Start(sw.Node.Name, "nic0", new DhcpClientOptions { ReleaseOnStop = true }))
        {
            var bound = await NextAsync(client, DhcpEventKind.Bound);
            lease = bound.Lease!;
            Assert.Equal(TimeSpan.FromMinutes(2), lease.LeaseTime);
            // The consumer applies the lease (the node does it through netlink); renewals are unicast from that address.
            sw.Node.Ip("addr", "add", $"{lease.Address}/{lease.PrefixLength}", "dev", "nic0");

            Assert.True(client.Renew());
            var renewed = await NextAsync(client, DhcpEventKind.Renew, DhcpEventKind.Bound);
            Assert.Equal(lease.Address, renewed.Lease!.Address);
            Assert.Equal(0, client.MalformedLines);
        }
        // Server-side evidence: two ACKs for the same address, then a release on stop.
        var log = sw.Dnsmasq;
        Assert.True(log.Split('\n').Count(l => l.Contains($"DHCPACK(sw0) {lease.Address}", StringComparison.Ordinal)) >= 2, log);
        for (var i = 0; i < 40 && !sw.Dnsmasq.Contains("DHCPRELEASE", StringComparison.Ordinal); i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Contains($"DHCPRELEASE(sw0) {lease.Address}", sw.Dnsmasq, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoServer_ReportsLeaseFailAndKeepsRunning()
    {
        Require.Privileged("ip", "busybox", "dnsmasq", "ss");
        await using var sw = await DhcpTestSwitch.StartAsync();
        await using var client = DhcpClient.Start(sw.Node.Name, "nic2", new DhcpClientOptions { Tries = 1, SecondsPerTry = 1, SecondsBetweenAttempts = 1 });
        var ev = await NextAsync(client, DhcpEventKind.LeaseFail);
        Assert.Null(ev.Lease);
        Assert.True(client.IsRunning);
    }
}
