using Xunit;
using System.Buffers.Binary;
using System.Net;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Options;

namespace Zos.Protocols.Tests.Dhcp;

public sealed class DhcpMessageReaderTests
{
    [Fact]
    public void Parse_CapturedIpxeDiscover_DecodesEveryField()
    {
        var result = DhcpMessageReader.Parse(DhcpTestPackets.IpxeBiosDiscover());

        Assert.True(result.Success, result.Detail);
        var m = result.Message;
        Assert.Equal(DhcpOpcode.BootRequest, m.Opcode);
        Assert.Equal(DhcpMessageType.Discover, m.MessageType);
        Assert.Equal(0x856f6f5eu, m.TransactionId);
        Assert.Equal(4, m.Seconds);
        Assert.False(m.Broadcast);
        Assert.Equal(DhcpTestPackets.IpxeMac, m.ClientMac);
        Assert.Equal(IPAddress.Any, m.ClientAddress);
        Assert.Equal(IPAddress.Any, m.GatewayAddress);
        Assert.Equal((ushort)1472, m.Options.GetUInt16(DhcpOptionCode.MaximumMessageSize));
        Assert.Equal(ClientArchitecture.X86Bios, m.Architecture);
        Assert.Equal(new ClientNdiOption(1, 2, 1), m.ClientNdi);
        Assert.Equal("PXEClient:Arch:00000:UNDI:002001", m.VendorClass);
        var userClass = m.UserClass;
        Assert.NotNull(userClass);
        Assert.False(userClass.IsRfc3004);
        Assert.True(userClass.Contains("iPXE"));
        Assert.Equal(23, m.Options.Get(DhcpOptionCode.ParameterRequestList)!.Value.Length);
        var ipxe = m.Ipxe;
        Assert.NotNull(ipxe);
        Assert.True(ipxe.SupportsHttp);
        Assert.False(ipxe.SupportsHttps);
        Assert.Equal(new ClientGuidOption(Guid.Empty), m.ClientGuid);
        Assert.Equal((byte)1, m.ClientIdentifier!.Type);
        Assert.Equal(DhcpTestPackets.IpxeMac.GetBytes(), m.ClientIdentifier.Identifier.ToArray());
        Assert.Equal("", m.BootFileName);
        Assert.Equal("", m.ServerName);
    }

    [Fact]
    public void Encode_CapturedIpxeDiscover_RoundTripsFieldsAndOptionBytes()
    {
        var bytes = DhcpTestPackets.IpxeBiosDiscover();
        var original = DhcpMessageReader.Parse(bytes).Message!;

        var encoded = DhcpMessageWriter.Encode(original);

        DhcpTestPackets.AssertSameMessage(original, DhcpTestPackets.RoundTrip(original));
        // Same options in the same order: the bytes up to and including the end option are identical.
        var end = Array.LastIndexOf(bytes, (byte)255);
        Assert.Equal(bytes.AsSpan(0, end + 1).ToArray(), encoded.AsSpan(0, end + 1).ToArray());
    }

    [Fact]
    public void Parse_CapturedOvmfDiscover_DecodesArchitectureNdiGuidAndVendorClass()
    {
        var result = DhcpMessageReader.Parse(DhcpTestPackets.OvmfUefiDiscover());

        Assert.True(result.Success, result.Detail);
        var m = result.Message;
        Assert.Equal(DhcpMessageType.Discover, m.MessageType);
        Assert.Equal(DhcpTestPackets.OvmfMac, m.ClientMac);
        Assert.Equal(0x771a45a1u, m.TransactionId);
        Assert.Equal(ClientArchitecture.EfiByteCode, m.Architecture);
        Assert.Equal(new ClientNdiOption(1, 3, 0), m.ClientNdi);
        Assert.Equal(Guid.Empty, m.ClientGuid!.Uuid);
        Assert.Equal("PXEClient:Arch:00007:UNDI:003000", m.Options.GetString(DhcpOptionCode.VendorClassIdentifier));
        Assert.Null(m.Ipxe);
    }

    [Fact]
    public void Parse_CapturedRelayedDiscover_KeepsGiaddrHopsAndClientId()
    {
        var result = DhcpMessageReader.Parse(DhcpTestPackets.PerfdhcpRelayedDiscover());

        Assert.True(result.Success, result.Detail);
        var m = result.Message;
        Assert.Equal(DhcpMessageType.Discover, m.MessageType);
        Assert.Equal(IPAddress.Parse("10.96.0.50"), m.GatewayAddress);
        Assert.Equal(1, m.Hops);
        Assert.Equal(DhcpTestPackets.PerfdhcpMac, m.ClientMac);
        Assert.Equal(new byte[] { 1, 0x00, 0x0c, 0x01, 0x02, 0x03, 0x04 }, m.Options.Get(DhcpOptionCode.ClientIdentifier)!.Value.ToArray());
    }

    [Fact]
    public void Parse_HandBuiltUefiDiscover_DecodesArchitectureAndGuid()
    {
        var mac = MacAddress.Parse("52:54:00:00:07:07");
        var m = DhcpTestPackets.RoundTrip(DhcpTestPackets.UefiDiscover(mac));

        Assert.Equal(ClientArchitecture.EfiByteCode, m.Architecture);
        Assert.Equal(Guid.Parse("8e4b7f7c-1a2b-4c3d-9e8f-0123456789ab"), m.ClientGuid!.Uuid);
        Assert.Equal(new ClientNdiOption(1, 3, 0), m.ClientNdi);
        Assert.Null(m.UserClass);
        Assert.Null(m.Ipxe);
        Assert.Equal(mac, m.ClientMac);
    }

    [Fact]
    public void Parse_RelayedRequest_KeepsGiaddrHopsAndRelayAgentInformation()
    {
        var m = DhcpTestPackets.RoundTrip(DhcpTestPackets.RelayedRequest(
            MacAddress.Parse("02:00:00:00:00:82"), IPAddress.Parse("10.20.0.1"), IPAddress.Parse("10.20.0.50"), IPAddress.Parse("10.10.0.1")));

        Assert.Equal(IPAddress.Parse("10.20.0.1"), m.GatewayAddress);
        Assert.Equal(1, m.Hops);
        Assert.Equal(IPAddress.Parse("10.20.0.50"), m.RequestedAddress);
        Assert.Equal(IPAddress.Parse("10.10.0.1"), m.ServerIdentifier);
        var relay = m.RelayAgent;
        Assert.NotNull(relay);
        Assert.Equal("eth1"u8.ToArray(), relay.CircuitId!.Value.ToArray());
        Assert.Equal(new byte[] { 0xaa, 0xbb, 0xcc }, relay.RemoteId!.Value.ToArray());
    }

    [Fact]
    public void Parse_OverloadedFileAndSname_ReadsOptionsFromBothInOrder()
    {
        var packet = new byte[300];
        packet[0] = 1;
        packet[1] = 1;
        packet[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(236), DhcpMessageReader.MagicCookie);
        // options field: 53=DISCOVER, 52=3 (file and sname overloaded), 12 "ab", end
        new byte[] { 53, 1, 1, 52, 1, 3, 12, 2, (byte)'a', (byte)'b', 255 }.CopyTo(packet, 240);
        // file (offset 108): 12 "cd" (concatenated to "abcd", RFC 3396), 60 "PXEClient", end
        new byte[] { 12, 2, (byte)'c', (byte)'d', 60, 9 }.Concat("PXEClient"u8.ToArray()).Append((byte)255).ToArray().CopyTo(packet, 108);
        // sname (offset 44): pad, 15 "lab", end
        new byte[] { 0, 15, 3, (byte)'l', (byte)'a', (byte)'b', 255 }.CopyTo(packet, 44);

        var result = DhcpMessageReader.Parse(packet);

        Assert.True(result.Success, result.Detail);
        Assert.Equal("abcd", result.Message.Options.GetString(DhcpOptionCode.HostName));
        Assert.Equal("PXEClient", result.Message.VendorClass);
        Assert.Equal("lab", result.Message.Options.GetString(DhcpOptionCode.DomainName));
        Assert.False(result.Message.Options.Contains(DhcpOptionCode.OptionOverload));
        Assert.Equal("", result.Message.BootFileName);
        Assert.Equal("", result.Message.ServerName);
    }

    [Fact]
    public void Encode_OptionLongerThan255_SplitsAndRejoins()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Discover, MacAddress.Parse("02:00:00:00:00:01"));
        var big = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        m.Options.Set(200, big);

        var bytes = DhcpMessageWriter.Encode(m);
        var parsed = DhcpTestPackets.RoundTrip(m);

        Assert.Equal(big, parsed.Options.Get(200)!.Value.ToArray());
        Assert.Equal(3, CountOptionHeaders(bytes, 200));
    }

    [Fact]
    public void Encode_SmallMessage_PadsToBootpMinimum()
    {
        var bytes = DhcpMessageWriter.Encode(DhcpTestPackets.Request(DhcpMessageType.Discover, MacAddress.Parse("02:00:00:00:00:01")));

        Assert.Equal(DhcpMessageWriter.MinimumBootpLength, bytes.Length);
    }

    [Theory]
    [InlineData(new byte[] { 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, true, new[] { "iPXE" })]
    [InlineData(new byte[] { (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, false, new[] { "iPXE" })]
    [InlineData(new byte[] { 1, (byte)'a', 2, (byte)'b', (byte)'c' }, true, new[] { "a", "bc" })]
    public void UserClassParse_Rfc3004OrPlain_ReadsClasses(byte[] data, bool rfc3004, string[] classes)
    {
        var option = UserClassOption.Parse(data);

        Assert.Equal(rfc3004, option.IsRfc3004);
        Assert.Equal(classes, option.Classes);
        Assert.Equal(data, option.Encode());
    }

    [Fact]
    public void Parse_TooShort_FailsWithLength()
    {
        var result = DhcpMessageReader.Parse(new byte[100]);

        Assert.Equal(DhcpParseError.TooShort, result.Error);
        Assert.Equal("a DHCP message has at least 240 bytes (236 header + 4 cookie), got 100", result.Detail);
    }

    [Fact]
    public void Parse_BadCookie_FailsWithValue()
    {
        var bytes = DhcpTestPackets.IpxeBiosDiscover();
        bytes[239] = 0x64;

        var result = DhcpMessageReader.Parse(bytes);

        Assert.Equal(DhcpParseError.BadMagicCookie, result.Error);
        Assert.Equal("magic cookie must be 0x63825363, got 0x63825364", result.Detail);
    }

    [Fact]
    public void Parse_BadOpcode_FailsWithValue()
    {
        var bytes = DhcpTestPackets.IpxeBiosDiscover();
        bytes[0] = 7;

        var result = DhcpMessageReader.Parse(bytes);

        Assert.Equal(DhcpParseError.BadOpcode, result.Error);
        Assert.Equal("op must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), got 7", result.Detail);
    }

    [Fact]
    public void Parse_OptionLengthBeyondPacket_FailsAsTruncated()
    {
        var bytes = DhcpTestPackets.IpxeBiosDiscover();
        bytes[241] = 200; // option 53 claims 200 bytes

        var result = DhcpMessageReader.Parse(bytes.AsSpan(0, 300));

        Assert.Equal(DhcpParseError.TruncatedOption, result.Error);
        Assert.Equal("option 53 in 'options' at offset 0 claims 200 bytes, 58 remain", result.Detail);
    }

    [Fact]
    public void Parse_NoEndOption_Fails()
    {
        var bytes = DhcpTestPackets.IpxeBiosDiscover();
        var end = Array.LastIndexOf(bytes, (byte)255);

        var result = DhcpMessageReader.Parse(bytes.AsSpan(0, end));

        Assert.Equal(DhcpParseError.MissingEndOption, result.Error);
        Assert.Equal("'options' has no end option (255)", result.Detail);
    }

    [Fact]
    public void Parse_MessageTypeOfTwoBytes_FailsAsBadLength()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Discover, MacAddress.Parse("02:00:00:00:00:01"));
        m.Options.Set(DhcpOptionCode.MessageType, new byte[] { 1, 1 });

        var result = DhcpMessageReader.Parse(DhcpMessageWriter.Encode(m));

        Assert.Equal(DhcpParseError.BadOptionLength, result.Error);
        Assert.Equal("option 53 has a length of 2, which its definition does not allow", result.Detail);
    }

    [Fact]
    public void Parse_GuidWithNonZeroType_FailsAsBadValue()
    {
        var m = DhcpTestPackets.UefiDiscover(MacAddress.Parse("02:00:00:00:00:01"));
        var guid = m.Options.Get(DhcpOptionCode.ClientMachineIdentifier)!.Value.ToArray();
        guid[0] = 1;
        m.Options.Set(DhcpOptionCode.ClientMachineIdentifier, guid);

        var result = DhcpMessageReader.Parse(DhcpMessageWriter.Encode(m));

        Assert.Equal(DhcpParseError.BadOptionValue, result.Error);
        Assert.StartsWith("option 97 has an invalid value 01", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadOverloadValue_Fails()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Discover, MacAddress.Parse("02:00:00:00:00:01"));
        m.Options.SetByte(DhcpOptionCode.OptionOverload, 4);

        var result = DhcpMessageReader.Parse(DhcpMessageWriter.Encode(m));

        Assert.Equal(DhcpParseError.BadOverload, result.Error);
        Assert.Equal("option 52 (overload) must be one byte 1, 2 or 3, got 04", result.Detail);
    }

    [Fact]
    public void PxeVendorOptions_BootFileOnly_EncodesDiscoveryControl8()
    {
        var bytes = PxeVendorOptions.BootFileOnly.Encode();

        Assert.Equal(new byte[] { 6, 1, 8, 255 }, bytes);
        Assert.True(PxeVendorOptions.TryParse(bytes, out var parsed));
        Assert.Equal((byte)8, parsed.DiscoveryControl);
    }

    private static int CountOptionHeaders(byte[] packet, byte code)
    {
        var count = 0;
        var i = DhcpMessageReader.MinimumLength;
        while (i < packet.Length && packet[i] != 255)
        {
            if (packet[i] == code)
                count++;
            i += 2 + packet[i + 1];
        }
        return count;
    }
}
