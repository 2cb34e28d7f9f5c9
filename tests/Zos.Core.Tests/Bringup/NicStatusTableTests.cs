using Xunit;
using Zos.Core.Bringup;
using static Zos.Core.Tests.Bringup.Probes;

namespace Zos.Core.Tests.Bringup;

public class NicStatusTableTests
{
    [Fact]
    public void Render_FourNics_ColumnsAndReasons()
    {
        NicProbeResult[] probes =
        [
            V6("eth3", 4, "2001:db8:1::5"),
            Unplugged("eth0", 1),
            Silent("eth1", 2),
            V4("eth2", 3, "10.0.0.5", "10.0.0.1", "10.0.0.2"),
        ];
        var rows = NicStatusRow.From(probes, ZosNicSelector.Choose(probes));

        var text = NicStatusTable.Render(rows);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("NIC   MAC                CARRIER  DHCP OFFER   GATEWAY", lines[0], StringComparison.Ordinal);
        Assert.Equal("eth0  02:00:00:00:00:01  no       -            -                  -                             no carrier", lines[1]);
        Assert.Equal("eth1  02:00:00:00:00:02  yes      -            -                  -                             no offer", lines[2]);
        Assert.Equal("eth2  02:00:00:00:00:03  yes      10.0.0.5/24  10.0.0.1,10.0.0.2  -                     *", lines[3]);
        Assert.Equal("eth3  02:00:00:00:00:04  yes      -            -                  2001:db8:1::5 via RA          IPv6 only; eth2 has IPv4", lines[4]);
    }

    [Fact]
    public void Render_NoNics_SaysSo() =>
        Assert.EndsWith("(no NIC found)\n", NicStatusTable.Render([]), StringComparison.Ordinal);
}
