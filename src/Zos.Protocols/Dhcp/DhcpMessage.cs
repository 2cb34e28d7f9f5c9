using System.Net;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp.Options;

namespace Zos.Protocols.Dhcp;

/// <summary>
/// A DHCPv4 message (RFC 2131 §2, figure 1): the fixed BOOTP header and the options. Built by
/// <see cref="DhcpMessageReader"/> from the wire or by the server for a reply, encoded by <see cref="DhcpMessageWriter"/>.
/// </summary>
public sealed class DhcpMessage
{
    /// <summary>The 'flags' bit asking the server to broadcast its reply (RFC 2131 §2, figure 2).</summary>
    public const ushort BroadcastFlag = 0x8000;

    public DhcpOpcode Opcode { get; set; } = DhcpOpcode.BootRequest;

    /// <summary>'htype': 1 for Ethernet (RFC 1700 ARP hardware types).</summary>
    public byte HardwareType { get; set; } = 1;

    public byte HardwareAddressLength { get; set; } = 6;

    public byte Hops { get; set; }

    public uint TransactionId { get; set; }

    public ushort Seconds { get; set; }

    public ushort Flags { get; set; }

    public bool Broadcast
    {
        get => (Flags & BroadcastFlag) != 0;
        set => Flags = (ushort)(value ? Flags | BroadcastFlag : Flags & ~BroadcastFlag);
    }

    /// <summary>'ciaddr': the client's address when it already has one (BOUND, RENEWING, REBINDING, INFORM).</summary>
    public IPAddress ClientAddress { get; set; } = IPAddress.Any;

    /// <summary>'yiaddr': the address the server gives.</summary>
    public IPAddress YourAddress { get; set; } = IPAddress.Any;

    /// <summary>'siaddr': the next server (TFTP) in a reply.</summary>
    public IPAddress ServerAddress { get; set; } = IPAddress.Any;

    /// <summary>'giaddr': the relay agent's address; selects the subnet and the reply destination.</summary>
    public IPAddress GatewayAddress { get; set; } = IPAddress.Any;

    /// <summary>'chaddr': 16 bytes, of which <see cref="HardwareAddressLength"/> are meaningful.</summary>
    public byte[] ClientHardwareAddress { get; set; } = new byte[16];

    /// <summary>'sname' (64 bytes on the wire) unless overloaded.</summary>
    public string ServerName { get; set; } = "";

    /// <summary>'file' (128 bytes on the wire) unless overloaded.</summary>
    public string BootFileName { get; set; } = "";

    public DhcpOptionList Options { get; } = new();

    /// <summary>The client's MAC when the hardware is Ethernet (htype 1, hlen 6), else null.</summary>
    public MacAddress? ClientMac =>
        HardwareType == 1 && HardwareAddressLength == 6 ? new MacAddress(ClientHardwareAddress.AsSpan(0, 6)) : null;

    public DhcpMessageType? MessageType => Options.GetByte(DhcpOptionCode.MessageType) is { } t ? (DhcpMessageType)t : null;

    public IPAddress? RequestedAddress => Options.GetAddress(DhcpOptionCode.RequestedIpAddress);

    public IPAddress? ServerIdentifier => Options.GetAddress(DhcpOptionCode.ServerIdentifier);

    public string? VendorClass => Options.GetString(DhcpOptionCode.VendorClassIdentifier);

    /// <summary>Option 93's first architecture (RFC 4578 §2.1 allows a list; clients send one).</summary>
    public ClientArchitecture? Architecture =>
        Options.Get(DhcpOptionCode.ClientArchitecture) is { Length: >= 2 } m
            ? (ClientArchitecture)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(m.Span)
            : null;

    public UserClassOption? UserClass =>
        Options.Get(DhcpOptionCode.UserClass) is { } m ? UserClassOption.Parse(m.Span) : null;

    public ClientGuidOption? ClientGuid =>
        Options.Get(DhcpOptionCode.ClientMachineIdentifier) is { } m && ClientGuidOption.TryParse(m.Span, out var g) ? g : null;

    public ClientNdiOption? ClientNdi =>
        Options.Get(DhcpOptionCode.ClientNetworkInterface) is { } m && ClientNdiOption.TryParse(m.Span, out var n) ? n : null;

    public IpxeEncapsulatedOptions? Ipxe =>
        Options.Get(DhcpOptionCode.IpxeEncapsulated) is { } m && IpxeEncapsulatedOptions.TryParse(m.Span, out var x) ? x : null;

    public RelayAgentInformation? RelayAgent =>
        Options.Get(DhcpOptionCode.RelayAgentInformation) is { } m && RelayAgentInformation.TryParse(m.Span, out var r) ? r : null;

    public ClientIdentifierOption? ClientIdentifier =>
        Options.Get(DhcpOptionCode.ClientIdentifier) is { } m && ClientIdentifierOption.TryParse(m.Span, out var c) ? c : null;

    public override string ToString() =>
        $"{MessageType?.ToString() ?? Opcode.ToString()} xid=0x{TransactionId:x8} chaddr={ClientMac?.ToString() ?? Convert.ToHexStringLower(ClientHardwareAddress.AsSpan(0, Math.Min((int)HardwareAddressLength, 16)))} ciaddr={ClientAddress} yiaddr={YourAddress} giaddr={GatewayAddress}";
}
