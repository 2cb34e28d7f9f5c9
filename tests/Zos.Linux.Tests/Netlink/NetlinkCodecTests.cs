using System.Net;
using Xunit;
using Zos.Core.Primitives;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Netlink.Fixtures;

namespace Zos.Linux.Tests.Netlink;

/// <summary>The pure codec against bytes captured from the kernel, and against malformed input.</summary>
public sealed class NetlinkCodecTests
{
    private const ushort RtmNewLink = 16, RtmNewAddr = 20, RtmNewRoute = 24, NlmsgDone = 3, NlmsgError = 2;

    private static List<(NetlinkMessageHeader Header, byte[] Payload)> Messages(IEnumerable<byte[]> datagrams)
    {
        var result = new List<(NetlinkMessageHeader, byte[])>();
        foreach (var d in datagrams)
        {
            var reader = new NetlinkMessageReader(d);
            while (reader.TryRead(out var m))
                result.Add((m.Header, m.Payload.ToArray()));
        }
        return result;
    }

    [Fact]
    public void LinkDump_MultiPartCapture_DecodesEveryLinkUpToDone()
    {
        var datagrams = KernelCaptures.Load("link-dump.hex");
        var messages = Messages(datagrams);

        Assert.True(datagrams.Count > 1, "the capture spans several datagrams");
        Assert.Equal(NlmsgDone, messages[^1].Header.Type);
        Assert.All(messages, m => Assert.Equal(1u, m.Header.Sequence));
        var links = messages.Where(m => m.Header.Type == RtmNewLink).Select(m => RtnetlinkDecoder.DecodeLink(m.Payload)).ToDictionary(l => l.Name);
        Assert.Equal(["br0", "lo", "ve0", "ve1"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((null, 65536u, LinkOperationalState.Unknown), (links["lo"].Kind, links["lo"].Mtu, links["lo"].OperationalState));
        Assert.True(links["lo"].Flags.HasFlag(LinkFlags.Loopback));
        Assert.Equal(("bridge", false), (links["br0"].Kind, links["br0"].VlanFiltering));
        Assert.Equal(("veth", "bridge", links["br0"].Index), (links["ve0"].Kind, links["ve0"].PortKind, links["ve0"].MasterIndex!.Value));
        Assert.Equal(links["ve1"].Index, links["ve0"].LinkIndex);
        Assert.True(links["ve0"].Carrier);
        Assert.Equal(LinkOperationalState.Up, links["ve0"].OperationalState);
        Assert.All(links.Values.Where(l => l.Name != "lo"), l => Assert.Equal(1500u, l.Mtu));
        Assert.NotNull(links["br0"].Mac);
        Assert.False(links["br0"].Mac!.Value.IsMulticast);
    }

    [Fact]
    public void AddressDump_Capture_DecodesIPv4LabelAndIPv6NodadFlags()
    {
        var messages = Messages(KernelCaptures.Load("addr-dump.hex"));

        var addresses = messages.Where(m => m.Header.Type == RtmNewAddr).Select(m => RtnetlinkDecoder.DecodeAddress(m.Payload)).ToList();

        Assert.Equal(NlmsgDone, messages[^1].Header.Type);
        var v4 = addresses.Single(a => a.Address.Equals(IPAddress.Parse("192.0.2.1")));
        Assert.Equal((24, "br0", (byte)0), (v4.PrefixLength, v4.Label, v4.Scope));
        var v6 = addresses.Single(a => a.Address.Equals(IPAddress.Parse("2001:db8::1")));
        Assert.Equal(64, v6.PrefixLength);
        Assert.True(v6.Flags.HasFlag(AddressFlags.NoDad | AddressFlags.Permanent));
        var lo = addresses.Single(a => a.Address.Equals(IPAddress.Loopback));
        Assert.Equal((8, (byte)254), (lo.PrefixLength, lo.Scope));
        Assert.Contains(addresses, a => a.Address.Equals(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void RouteDumps_Capture_DecodeDefaultTableMetricAndIPv6Gateway()
    {
        var routes = Messages(KernelCaptures.Load("route4-dump.hex").Concat(KernelCaptures.Load("route6-dump.hex")))
            .Where(m => m.Header.Type == RtmNewRoute).Select(m => RtnetlinkDecoder.DecodeRoute(m.Payload)).ToList();

        var def = routes.Single(r => r.IsDefault && r.Destination.BaseAddress.Equals(IPAddress.Any));
        Assert.Equal((IPAddress.Parse("192.0.2.254"), 254u, (byte)3, (byte)0), (def.Gateway, def.Table, def.Protocol, def.Scope));
        var t100 = routes.Single(r => r.Table == 100);
        Assert.Equal((IPNetwork.Parse("198.51.100.0/24"), 10u, (byte)253, (IPAddress?)null), (t100.Destination, t100.Metric!.Value, t100.Scope, t100.Gateway));
        var v6 = routes.Single(r => r.Destination == IPNetwork.Parse("2001:db8:1::/48"));
        Assert.Equal((IPAddress.Parse("2001:db8::fe"), 5u), (v6.Gateway, v6.Metric!.Value));
        Assert.Contains(routes, r => r.Type == 2 && r.Table == 255); // local routes of the local table
    }

    [Fact]
    public void DecodeAck_ExtendedAckCapped_ErrnoAndKernelText()
    {
        var d = KernelCaptures.Load("error-extack-capped.hex").Single();
        var reader = new NetlinkMessageReader(d);
        Assert.True(reader.TryRead(out var m));

        var ack = RtnetlinkDecoder.DecodeAck(m);

        Assert.Equal(NlmsgError, m.Header.Type);
        Assert.Equal(new NetlinkAck(95, 7, "Unknown device type"), ack);
        Assert.Equal("create vlan zvl0: Operation not supported (EOPNOTSUPP): Unknown device type",
            new NetlinkKernelException("create vlan zvl0", ack.Errno, ack.Message).Message);
    }

    [Fact]
    public void DecodeAck_ExtendedAckAfterEchoedRequest_SameTextFound()
    {
        var d = KernelCaptures.Load("error-extack-echoed.hex").Single();
        var reader = new NetlinkMessageReader(d);
        Assert.True(reader.TryRead(out var m));

        Assert.Equal(new NetlinkAck(95, 7, "Unknown device type"), RtnetlinkDecoder.DecodeAck(m));
    }

    [Fact]
    public void DecodeAck_EexistWithoutTlvs_ErrnoOnly()
    {
        var d = KernelCaptures.Load("error-eexist.hex").Single();
        var reader = new NetlinkMessageReader(d);
        Assert.True(reader.TryRead(out var m));

        var ack = RtnetlinkDecoder.DecodeAck(m);

        Assert.Equal(new NetlinkAck(17, 7, null), ack);
        Assert.Equal("create bridge lo: File exists (EEXIST)", new NetlinkKernelException("create bridge lo", ack.Errno, null).Message);
    }

    [Fact]
    public void Reader_EveryTruncationOfCapturedDatagrams_FormatExceptionOrFewerMessagesNeverCrash()
    {
        foreach (var file in new[] { "link-dump.hex", "addr-dump.hex", "route4-dump.hex", "error-extack-capped.hex" })
        {
            var datagram = KernelCaptures.Load(file)[0];
            for (var cut = 1; cut < datagram.Length; cut++)
            {
                var outcome = DecodeAll(datagram.AsSpan(0, cut).ToArray());
                Assert.True(outcome is "ok" or "format", $"{file} cut at {cut}: {outcome}");
            }
            Assert.Equal("ok", DecodeAll(datagram));
        }
    }

    [Fact]
    public void Reader_EverySingleByteCorruption_FormatExceptionOrValueNeverCrash()
    {
        var datagram = KernelCaptures.Load("link-dump.hex")[0].AsSpan(0, 1500).ToArray();
        var first = new NetlinkMessageReader(datagram);
        Assert.True(first.TryRead(out var m0));
        var length = (int)m0.Header.Length;
        for (var i = 0; i < length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, 0x03 })
            {
                var copy = datagram.AsSpan(0, length).ToArray();
                copy[i] = value;
                var outcome = DecodeAll(copy);
                Assert.True(outcome is "ok" or "format", $"byte {i} = {value:x2}: {outcome}");
            }
        }
    }

    private static string DecodeAll(byte[] datagram)
    {
        try
        {
            var reader = new NetlinkMessageReader(datagram);
            while (reader.TryRead(out var m))
            {
                _ = m.Header.Type switch
                {
                    RtmNewLink => (object)RtnetlinkDecoder.DecodeLink(m.Payload),
                    RtmNewAddr => RtnetlinkDecoder.DecodeAddress(m.Payload),
                    RtmNewRoute => RtnetlinkDecoder.DecodeRoute(m.Payload),
                    NlmsgError => RtnetlinkDecoder.DecodeAck(m),
                    _ => "",
                };
            }
            return "ok";
        }
        catch (NetlinkFormatException)
        {
            return "format";
        }
        catch (Exception e)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    [Fact]
    public void Reader_MessageLengthShorterThanHeader_ThrowsNamingLength()
    {
        byte[] datagram = [0x08, 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

        var e = Assert.Throws<NetlinkFormatException>(() => { var r = new NetlinkMessageReader(datagram); r.TryRead(out _); });

        Assert.Equal("netlink message length 8 is shorter than its 16-byte header", e.Message);
    }

    [Fact]
    public void Reader_MessageLengthBeyondDatagram_ThrowsTruncated()
    {
        byte[] datagram = [0x40, 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        var e = Assert.Throws<NetlinkFormatException>(() => { var r = new NetlinkMessageReader(datagram); r.TryRead(out _); });

        Assert.Equal("netlink message length 64 exceeds the 20 bytes received (truncated datagram?)", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x03, 0x00 }, "attribute 3 length 2 is shorter than its 4-byte header")]
    [InlineData(new byte[] { 0x10, 0x00, 0x03, 0x00, 0x6c, 0x6f, 0x00, 0x00 }, "attribute 3 length 16 exceeds the 8 bytes that remain")]
    [InlineData(new byte[] { 0x08, 0x00 }, "attribute header needs 4 bytes, only 2 remain")]
    public void AttributeReader_LyingLengths_ThrowsNamingThem(byte[] attributes, string message)
    {
        var e = Assert.Throws<NetlinkFormatException>(() => { var r = new NetlinkAttributeReader(attributes); while (r.TryRead(out _)) { } });

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void DecodeLink_MtuAttributeTooShort_ThrowsNamingAttribute()
    {
        // ifinfomsg (16 zero bytes) + IFLA_IFNAME "x" + IFLA_MTU with a 2-byte value.
        byte[] payload = [.. new byte[16], 0x06, 0, 0x03, 0, (byte)'x', 0, 0, 0, 0x06, 0, 0x04, 0, 0xdc, 0x05, 0, 0];

        var e = Assert.Throws<NetlinkFormatException>(() => RtnetlinkDecoder.DecodeLink(payload));

        Assert.Equal("attribute 4: expected at least 4 value bytes, got 2", e.Message);
    }

    [Fact]
    public void Writer_NestedVethRequest_RoundTripsThroughReaderWithAlignedLengths()
    {
        var buffer = new byte[512];
        var w = new NetlinkWriter(buffer);
        w.BeginMessage(RtmNewLink, 0x605, 42);
        var link = new LinkAttributes("va", Mtu: 1420, Mac: MacAddress.Parse("02:00:00:00:00:01"), Group: 7, Up: true);
        RtnetlinkRequests.NewLink(ref w, link, "veth", null, (ref NetlinkWriter x) => RtnetlinkRequests.VethPeer(ref x, new LinkAttributes("vb", NamespaceFd: 9)));
        var bytes = w.EndMessage().ToArray();

        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var m));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(new NetlinkMessageHeader((uint)bytes.Length, RtmNewLink, 0x605, 42, 0), m.Header);
        Assert.Equal(0, bytes.Length % 4);
        var decoded = RtnetlinkDecoder.DecodeLink(m.Payload);
        Assert.Equal(("va", "veth", 1420u, 7u, LinkFlags.Up), (decoded.Name, decoded.Kind, decoded.Mtu, decoded.Group, decoded.Flags));
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:01"), decoded.Mac);
        // The peer sits in IFLA_LINKINFO / IFLA_INFO_DATA / VETH_INFO_PEER as an ifinfomsg plus attributes.
        var peer = FindPeer(m.Payload.ToArray());
        Assert.Equal("vb", RtnetlinkDecoder.DecodeLink(peer).Name);
    }

    private static byte[] FindPeer(byte[] payload)
    {
        var top = new NetlinkAttributeReader(payload.AsSpan(16));
        while (top.TryRead(out var a))
        {
            if (a.Type != 18)
                continue;
            var info = a.GetNested();
            while (info.TryRead(out var i))
            {
                if (i.Type != 2)
                    continue;
                var data = i.GetNested();
                Assert.True(data.TryRead(out var peer));
                Assert.Equal(1, peer.Type);
                return peer.Value.ToArray();
            }
        }
        throw new InvalidOperationException("no VETH_INFO_PEER");
    }
}
