using System.Globalization;
using System.Text.Json;
using Xunit;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

/// <summary>
/// Bridge VLAN membership: our encoding against the kernel header layout and against the bytes iproute2's
/// <c>bridge vlan</c> sends for the same request (captured with <c>strace -e write=3</c>), and in the kernel where
/// it has bridge VLAN filtering.
/// </summary>
public sealed class BridgeVlanTests
{
    private const ushort RtmSetLink = 19, RtmDelLink = 17, NlmFRequestAck = 0x05;

    private static byte[] Encode(ushort type, int index, BridgeVlan vlan, bool self)
    {
        var buffer = new byte[256];
        var w = new NetlinkWriter(buffer);
        w.BeginMessage(type, NlmFRequestAck, 0);
        RtnetlinkRequests.BridgeVlan(ref w, index, vlan, self);
        return w.EndMessage().ToArray();
    }

    [Fact]
    public void BridgeVlan_PortPvidUntagged_MatchesKernelHeaderLayout()
    {
        var bytes = Encode(RtmSetLink, 4, new BridgeVlan(10, Pvid: true, Untagged: true), self: false);

        // nlmsghdr{44, RTM_SETLINK, REQUEST|ACK, seq 0, pid 0}; ifinfomsg{AF_BRIDGE=7, index 4};
        // IFLA_AF_SPEC(26){ IFLA_BRIDGE_VLAN_INFO(2){ flags PVID|UNTAGGED = 6, vid 10 } }   (linux/if_bridge.h)
        Assert.Equal(Convert.FromHexString(
            "2c000000130005000000000000000000" +
            "07000000040000000000000000000000" +
            "0c001a000800020006000a00"), bytes);
    }

    [Fact]
    public void BridgeVlan_SelfOnBridge_FlagsAttributeFirst()
    {
        var bytes = Encode(RtmSetLink, 2, new BridgeVlan(20), self: true);

        // IFLA_AF_SPEC{ IFLA_BRIDGE_FLAGS(0) u16 BRIDGE_FLAGS_SELF=2 (+2 pad), IFLA_BRIDGE_VLAN_INFO{0, 20} }
        Assert.Equal(Convert.FromHexString(
            "34000000130005000000000000000000" +
            "07000000020000000000000000000000" +
            "14001a0006000000020000000800020000001400"), bytes);
    }

    [Fact]
    public void DecodeBridgeVlans_AfSpecWithTwoEntries_FlagsAndIdsRead()
    {
        // The kernel's AF_BRIDGE RTM_NEWLINK with RTEXT_FILTER_BRVLAN lists bridge_vlan_info entries in IFLA_AF_SPEC;
        // the same layout as the request, so the request encoder builds a valid sample.
        var first = Encode(RtmSetLink, 4, new BridgeVlan(10, Pvid: true, Untagged: true), self: false);
        var payload = first.AsSpan(16).ToArray();
        byte[] second = [0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x14, 0x00];
        // Append a second IFLA_BRIDGE_VLAN_INFO {flags 0, vid 20} inside IFLA_AF_SPEC and fix the nest length.
        payload = [.. payload, .. second];
        BitConverter.TryWriteBytes(payload.AsSpan(16, 2), (ushort)(payload.Length - 16));

        var vlans = RtnetlinkDecoder.DecodeBridgeVlans(payload);

        Assert.Equal([new BridgeVlan(10, true, true), new BridgeVlan(20)], vlans);
    }

    [Fact]
    public void BridgeVlan_IdOutOfRange_ArgumentExceptionNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BridgeVlan(4095).Validate());
        Assert.StartsWith("VLAN id 4095 is outside 1..4094", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add", "p0", 10, true, true, false)]
    [InlineData("add", "p0", 30, false, false, false)]
    [InlineData("add", "br0", 20, false, false, true)]
    [InlineData("del", "p0", 10, false, false, false)]
    [InlineData("add", "br0", 4094, true, true, true)]
    public void BridgeVlan_SameRequestAsIproute2_SameBytes(string verb, string dev, int vid, bool pvid, bool untagged, bool self)
    {
        Require.Privileged("ip", "bridge", "strace");
        using var s = new ScratchNamespace();
        s.Netlink.CreateBridge("br0");
        s.Netlink.CreateVeth("p0", "p1", new LinkCreateOptions { Master = "br0" });
        var args = new List<string> { "-e", "trace=sendmsg", "-e", "write=3", "bridge", "-n", s.Name, "vlan", verb, "dev", dev, "vid", vid.ToString(CultureInfo.InvariantCulture) };
        if (pvid)
            args.Add("pvid");
        if (untagged)
            args.Add("untagged");
        if (self)
            args.Add("self");

        // The kernel may refuse (no VLAN filtering here): only the request bytes matter.
        var trace = Sh.Run("strace", args, TimeSpan.FromSeconds(30));
        var theirs = LastSentMessage(trace.StdErr);

        var ours = Encode(verb == "add" ? RtmSetLink : RtmDelLink, s.Netlink.GetLink(dev).Index, new BridgeVlan((ushort)vid, pvid, untagged), self);
        // Compare everything but nlmsg_seq (bytes 8..11), which each sender picks.
        Assert.Equal(Convert.ToHexString(theirs.AsSpan(0, 8)), Convert.ToHexString(ours.AsSpan(0, 8)));
        Assert.Equal(Convert.ToHexString(theirs.AsSpan(12)), Convert.ToHexString(ours.AsSpan(12)));
    }

    /// <summary>Parses strace's "-e write=3" hex dump ("| 00000  2c 00 ...  ascii |") of the last sendmsg.</summary>
    private static byte[] LastSentMessage(string strace)
    {
        var blocks = new List<List<byte>>();
        foreach (var line in strace.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("* ", StringComparison.Ordinal) && t.Contains("bytes in buffer", StringComparison.Ordinal))
                blocks.Add([]);
            else if (t.StartsWith("| ", StringComparison.Ordinal) && blocks.Count > 0)
            {
                var hex = t[2..].Split("  ", StringSplitOptions.RemoveEmptyEntries);
                // hex[0] is the offset, then two groups of up to 8 bytes, then the ASCII column.
                foreach (var group in hex.Skip(1).Take(2))
                {
                    foreach (var b in group.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (b.Length == 2 && byte.TryParse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
                            blocks[^1].Add(v);
                    }
                }
            }
        }
        Assert.NotEmpty(blocks);
        var last = blocks[^1].ToArray();
        Assert.Equal(BitConverter.ToUInt32(last, 0), (uint)last.Length);
        return last;
    }

    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public void AddBridgeVlan_KernelWithVlanFiltering_BridgeVlanShowsMembership()
    {
        Require.Privileged("ip", "bridge");
        using var s = new ScratchNamespace();
        if (KernelVm.RanInVm("bridge VLAN filtering", () =>
        {
            try
            {
                s.Netlink.CreateBridge("probe", vlanFiltering: true);
                s.Netlink.DeleteLink("probe");
                return true;
            }
            catch (NetlinkKernelException)
            {
                return false;
            }
        }))
            return;
        s.Netlink.CreateBridge("br0", vlanFiltering: true);
        s.Netlink.CreateVeth("p0", "p1", new LinkCreateOptions { Master = "br0" });

        s.Netlink.AddBridgeVlan("p0", new BridgeVlan(10, Pvid: true, Untagged: true));
        s.Netlink.AddBridgeVlan("br0", new BridgeVlan(10), self: true);
        s.Netlink.DeleteBridgeVlan("p0", new BridgeVlan(1));

        using var doc = JsonDocument.Parse(Sh.Run("bridge", "-n", s.Name, "-j", "vlan", "show").EnsureSuccess("bridge vlan show").StdOut);
        var p0 = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("ifname").GetString() == "p0");
        var v = p0.GetProperty("vlans").EnumerateArray().Single();
        Assert.Equal(10, v.GetProperty("vlan").GetInt32());
        var flags = v.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("PVID", flags);
        Assert.Contains("Egress Untagged", flags);
        Assert.Equal([new BridgeVlan(10, true, true)], s.Netlink.GetBridgeVlans("p0"));
    }
}
