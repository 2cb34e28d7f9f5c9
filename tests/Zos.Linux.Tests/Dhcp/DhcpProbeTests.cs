using System.Net;
using Xunit;
using Zos.Linux.Dhcp;
using Zos.Testing;

namespace Zos.Linux.Tests.Dhcp;

public class DhcpProbeTests
{
    [Fact]
    public async Task ProbeAsync_GoodNic_ReturnsLeaseWithAllRoutersQuickly()
    {
        Require.Privileged("ip", "busybox", "dnsmasq", "ss");
        var ct = TestContext.Current.CancellationToken;
        await using var sw = await DhcpTestSwitch.StartAsync(routers: "10.98.0.1,10.98.0.2,10.98.0.3");
        var result = await DhcpProbe.ProbeAsync(sw.Node.Name, "nic0", cancellationToken: ct);
        Assert.True(result.Succeeded, $"{result.Failure}\n{sw.Dnsmasq}");
        var lease = result.Lease!;
        Assert.Equal("nic0", lease.Interface);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPNetwork.Parse("10.98.0.0/24"), lease.Network);
        Assert.True(IPNetwork.Parse("10.98.0.0/24").Contains(lease.Address));
        Assert.Equal([IPAddress.Parse("10.98.0.1"), IPAddress.Parse("10.98.0.2"), IPAddress.Parse("10.98.0.3")], lease.Routers);
        Assert.Equal([IPAddress.Parse("10.98.0.1"), IPAddress.Parse("10.98.0.2")], lease.DnsServers);
        Assert.Equal(IPAddress.Parse("10.98.0.1"), lease.ServerId);
        Assert.Equal(TimeSpan.FromHours(1), lease.LeaseTime);
        Assert.Equal("lab.example", lease.Domain);
        // Configures nothing: nic0 still has no IPv4 address.
        Assert.DoesNotContain("inet ", sw.Node.Ip("-4", "addr", "show", "dev", "nic0").StdOut, StringComparison.Ordinal);
        // dnsmasq's own log agrees on the address it handed out.
        Assert.Contains($"DHCPACK(sw0) {lease.Address}", sw.Dnsmasq, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"good probe: {result.Elapsed.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData("nic1")]
    [InlineData("nic2")]
    public async Task ProbeAsync_NoCarrierOrNoServer_FailsInAboutOneSecond(string nic)
    {
        Require.Privileged("ip", "busybox", "dnsmasq", "ss");
        var ct = TestContext.Current.CancellationToken;
        await using var sw = await DhcpTestSwitch.StartAsync();
        var result = await DhcpProbe.ProbeAsync(sw.Node.Name, nic, cancellationToken: ct);
        Assert.False(result.Succeeded);
        Assert.Equal($"no DHCP lease on '{nic}' after 1 DISCOVER(s) 1 s apart", result.Failure);
        // It waited for its one DISCOVER window, and it did not retry forever.
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
        TestContext.Current.SendDiagnosticMessage($"failed probe on {nic}: {result.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ProbeAsync_ZeroTries_ThrowsNamingTheOption()
    {
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DhcpProbe.ProbeAsync(null, "nic0", new DhcpProbeOptions { Tries = 0 }, TestContext.Current.CancellationToken));
        Assert.StartsWith("DHCP probe Tries must be at least 1 (udhcpc -t 0 retries forever), got 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_BadInterfaceName_Throws()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => DhcpProbe.ProbeAsync(null, "nic0 -s /bin/x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("invalid interface name 'nic0 -s /bin/x': 1 to 15 characters, not '.' or '..', without '/', ':', quotes or whitespace (Parameter 'interfaceName')", e.Message);
    }
}
