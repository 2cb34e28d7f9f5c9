using System.Security.Cryptography;
using System.Text;
using Xunit;
using Zos.Core.Naming;

namespace Zos.Core.Tests.Naming;

public class DerivedMacTests
{
    // The three vectors of Zero-OS's Go unit test for HardwareAddrFromInputBytes (zos-networking.md §4.10).
    [Theory]
    [InlineData(new byte[] { }, "d6:1d:8c:d9:8f:00")]
    [InlineData(new byte[] { 0x42 }, "9e:5e:d6:78:fe:57")]
    public void FromBytes_UpstreamVectors_Match(byte[] input, string expected) =>
        Assert.Equal(expected, DerivedMac.FromBytes(input).ToString());

    [Fact]
    public void FromText_UpstreamNodeIdVector_Matches() =>
        Assert.Equal("8a:d3:36:10:7e:e9", DerivedMac.FromText("A34YUGenHKyhjDMAUKZe4cVDtJM2wQ4n4XRkfGUUEYdy").ToString());

    [Fact]
    public void ForNpub4_AppendsNdmz4Suffix()
    {
        const string node = "A34YUGenHKyhjDMAUKZe4cVDtJM2wQ4n4XRkfGUUEYdy";
        Assert.Equal(DerivedMac.FromText(node + "-ndmz4"), DerivedMac.ForNpub4(node));
        Assert.Equal(DerivedMac.FromText(node + "-ndmz6"), DerivedMac.ForNpub6(node));
        Assert.Equal(DerivedMac.FromText(node + "-public"), DerivedMac.ForPublic(node));
        Assert.NotEqual(DerivedMac.ForNpub4(node), DerivedMac.ForNpub6(node));
    }

    [Fact]
    public void FromBytes_AlwaysLocallyAdministeredUnicast()
    {
        for (var i = 0; i < 2000; i++)
        {
            var mac = DerivedMac.FromText("node-" + i);
            Assert.True(mac.IsLocallyAdministered, mac.ToString());
            Assert.False(mac.IsMulticast, mac.ToString());
        }
    }

    [Fact]
    public void FromBytes_FirstWindowRejected_UsesLaterWindowOfModifiedHash()
    {
        // Find an input whose first window fails the range check (tail > 90:00:ff and head < 90:02) and check that
        // the result is not the first window: the quirky range check is applied, not skipped.
        for (var i = 0; i < 10_000; i++)
        {
            var input = Encoding.UTF8.GetBytes("probe-" + i);
            var hs = MD5.HashData(input);
            var b0 = (byte)((hs[0] | 0x02) & 0xFE);
            var tailAbove = hs[3] > 0x90 || (hs[3] == 0x90 && (hs[4] > 0x00 || hs[5] > 0xff));
            var headBelow = b0 < 0x90 || (b0 == 0x90 && hs[1] < 0x02);
            if (!(tailAbove && headBelow))
                continue;
            var mac = DerivedMac.FromBytes(input).GetBytes();
            // Offset 1 window: hs[1..7] with its first byte adjusted.
            var w1 = hs[1..7];
            w1[0] = (byte)((w1[0] | 0x02) & 0xFE);
            Assert.NotEqual(new[] { b0, hs[1], hs[2], hs[3], hs[4], hs[5] }, mac);
            var w1Valid = w1[3] < 0x90 || (w1[3] == 0x90 && w1[4] == 0) || w1[0] > 0x90 || (w1[0] == 0x90 && w1[1] >= 0x02);
            if (w1Valid)
                Assert.Equal(w1, mac);
            return;
        }
        Assert.Fail("no probe input had a rejected first window");
    }
}
