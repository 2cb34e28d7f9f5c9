using Xunit;
using System.Net;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;

namespace Zos.Protocols.Tests.Dhcp;

/// <summary>Captured DISCOVERs (iPXE, OVMF's UEFI PXE client, a relay agent) and hand-built requests of other clients.</summary>
internal static class DhcpTestPackets
{
    /// <summary>A DISCOVER from qemu's e1000 iPXE ROM (iPXE 1.0.0+git-20190125, BIOS), captured with tcpdump on a test bridge.</summary>
    public static byte[] IpxeBiosDiscover() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Dhcp", "Fixtures", "ipxe-bios-discover.bin"));

    public static readonly MacAddress IpxeMac = MacAddress.Parse("52:54:00:98:00:01");

    /// <summary>
    /// A DISCOVER from OVMF's own UEFI PXE client (Debian's ovmf, OVMF_CODE_4M.fd, virtio-net without option ROM, qemu
    /// q35), captured with tcpdump on a test bridge: arch 7, UNDI 3.0, option 97 with an all-zero GUID.
    /// </summary>
    public static byte[] OvmfUefiDiscover() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Dhcp", "Fixtures", "uefi-ovmf-discover.bin"));

    public static readonly MacAddress OvmfMac = MacAddress.Parse("52:54:00:7a:00:07");

    /// <summary>
    /// A relayed DISCOVER from Kea's perfdhcp acting as a relay agent (`perfdhcp -4 -l 10.96.0.50`), captured with
    /// tcpdump on a test veth: giaddr 10.96.0.50, hops 1, client identifier option 61.
    /// </summary>
    public static byte[] PerfdhcpRelayedDiscover() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Dhcp", "Fixtures", "perfdhcp-relayed-discover.bin"));

    public static readonly MacAddress PerfdhcpMac = MacAddress.Parse("00:0c:01:02:03:04");

    public static DhcpMessage Request(DhcpMessageType type, MacAddress mac, uint xid = 0x12345678)
    {
        var m = new DhcpMessage { TransactionId = xid };
        mac.WriteBytes(m.ClientHardwareAddress);
        m.Options.SetByte(DhcpOptionCode.MessageType, (byte)type);
        return m;
    }

    /// <summary>A UEFI x64 PXE ROM's DISCOVER as EDK2/OVMF sends it: arch 7, UNDI 3.16, a GUID.</summary>
    public static DhcpMessage UefiDiscover(MacAddress mac)
    {
        var m = Request(DhcpMessageType.Discover, mac, 0xabcdef01);
        m.Options.SetUInt16(DhcpOptionCode.MaximumMessageSize, 1472);
        m.Options.Set(DhcpOptionCode.ParameterRequestList, new byte[] { 1, 2, 3, 4, 5, 6, 12, 13, 15, 17, 18, 22, 23, 28, 40, 41, 42, 43, 50, 51, 54, 58, 59, 60, 66, 67, 97, 128, 129, 130, 131, 132, 133, 134, 135 });
        var guid = new byte[17];
        Guid.Parse("8e4b7f7c-1a2b-4c3d-9e8f-0123456789ab").TryWriteBytes(guid.AsSpan(1), bigEndian: true, out _);
        m.Options.Set(DhcpOptionCode.ClientMachineIdentifier, guid);
        m.Options.SetUInt16(DhcpOptionCode.ClientArchitecture, 7);
        m.Options.Set(DhcpOptionCode.ClientNetworkInterface, new byte[] { 1, 3, 0 });
        m.Options.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000");
        return m;
    }

    /// <summary>A REQUEST forwarded by a relay: giaddr, hops 1, option 82 with circuit and remote id.</summary>
    public static DhcpMessage RelayedRequest(MacAddress mac, IPAddress giaddr, IPAddress requested, IPAddress serverId)
    {
        var m = Request(DhcpMessageType.Request, mac, 0x0badcafe);
        m.Hops = 1;
        m.GatewayAddress = giaddr;
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, requested);
        m.Options.SetAddress(DhcpOptionCode.ServerIdentifier, serverId);
        m.Options.Set(DhcpOptionCode.RelayAgentInformation, new byte[] { 1, 4, (byte)'e', (byte)'t', (byte)'h', (byte)'1', 2, 3, 0xaa, 0xbb, 0xcc });
        return m;
    }

    public static DhcpMessage RoundTrip(DhcpMessage m)
    {
        var parsed = DhcpMessageReader.Parse(DhcpMessageWriter.Encode(m));
        Assert.True(parsed.Success, parsed.Detail);
        return parsed.Message;
    }

    public static void AssertSameMessage(DhcpMessage expected, DhcpMessage actual)
    {
        Assert.Equal(expected.Opcode, actual.Opcode);
        Assert.Equal(expected.HardwareType, actual.HardwareType);
        Assert.Equal(expected.HardwareAddressLength, actual.HardwareAddressLength);
        Assert.Equal(expected.Hops, actual.Hops);
        Assert.Equal(expected.TransactionId, actual.TransactionId);
        Assert.Equal(expected.Seconds, actual.Seconds);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.ClientAddress, actual.ClientAddress);
        Assert.Equal(expected.YourAddress, actual.YourAddress);
        Assert.Equal(expected.ServerAddress, actual.ServerAddress);
        Assert.Equal(expected.GatewayAddress, actual.GatewayAddress);
        Assert.Equal(expected.ClientHardwareAddress, actual.ClientHardwareAddress);
        Assert.Equal(expected.ServerName, actual.ServerName);
        Assert.Equal(expected.BootFileName, actual.BootFileName);
        Assert.Equal(expected.Options.All.Select(o => o.ToString()), actual.Options.All.Select(o => o.ToString()));
    }
}
