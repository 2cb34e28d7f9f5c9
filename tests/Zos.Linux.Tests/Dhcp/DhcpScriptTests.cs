using System.Net;
using Xunit;
using Zos.Linux.Dhcp;
using Zos.Testing;

namespace Zos.Linux.Tests.Dhcp;

public class DhcpScriptTests
{

    [Fact]
    public void Script_RunWithUdhcpcVariables_PrintsAParsableLine()
    {
        Require.Tools("sh", "od");
        var path = DhcpScript.EnsureInstalled();
        Assert.Equal(path, DhcpScript.EnsureInstalled());
        {
            var env = "interface=nic0 ip=10.0.0.5 mask=24 router='10.0.0.1 10.0.0.2' dns=10.0.0.53 serverid=10.0.0.1 lease=600 domain='a b\"c' message=\"$(printf 'x\\\\y\\tz\\nw')\"";
            var run = Sh.Bash($"env {env} {path} bound");
            Assert.Equal(0, run.ExitCode);
            Assert.True(DhcpScript.TryParseLine(run.StdOut.Trim(), out var ev, out var error), error);
            Assert.Equal(DhcpEventKind.Bound, ev!.Kind);
            Assert.Equal([IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2")], ev.Lease!.Routers);
            Assert.Equal("a b\"c", ev.Lease.Domain);
            Assert.Equal(TimeSpan.FromMinutes(10), ev.Lease.LeaseTime);
            Assert.Equal("x\\y\tz\nw", ev.Variables["message"]);
        }
    }

    [Fact]
    public void TryParseLine_SubnetInsteadOfMask_ComputesPrefix()
    {
        var line = "ZOSDHCP renew\tip=192.0.2.9\tsubnet=255.255.255.240";
        Assert.True(DhcpScript.TryParseLine(line, out var ev, out _));
        Assert.Equal((DhcpEventKind.Renew, 28), (ev!.Kind, ev.Lease!.PrefixLength));
        Assert.Empty(ev.Lease.Routers);
    }

    [Fact]
    public void TryParseLine_Deconfig_NoLease()
    {
        Assert.True(DhcpScript.TryParseLine("ZOSDHCP deconfig\tinterface=nic0", out var ev, out _));
        Assert.Equal(DhcpEventKind.Deconfig, ev!.Kind);
        Assert.Null(ev.Lease);
        Assert.Equal("nic0", ev.Variables["interface"]);
    }

    [Theory]
    [InlineData("udhcpc: started", "not a script line: 'udhcpc: started'")]
    [InlineData("ZOSDHCP bound\tip=1\\q", "variable 'ip' has a bad escape: '1\\q'")]
    [InlineData("ZOSDHCP bound\tnoequals", "malformed variable 'noequals' in script line")]
    [InlineData("ZOSDHCP bound\tip=10", "lease without a valid 'ip': '10'")]
    [InlineData("ZOSDHCP bound\tip=10.0.0.5\tsubnet=255.0.255.0", "lease without a valid subnet mask: mask='' subnet='255.0.255.0'")]
    [InlineData("ZOSDHCP bound\tip=10.0.0.5\tmask=24\trouter=10.0.0.1 x", "invalid address 'x' in 'router'")]
    public void TryParseLine_Malformed_ReportsWhy(string line, string expected)
    {
        Assert.False(DhcpScript.TryParseLine(line, out var ev, out var error));
        Assert.Null(ev);
        Assert.Equal(expected, error);
    }
}
