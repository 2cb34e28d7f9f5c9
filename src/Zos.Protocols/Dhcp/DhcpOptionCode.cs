namespace Zos.Protocols.Dhcp;

/// <summary>The option codes this server reads or writes (RFC 2132 unless noted).</summary>
public static class DhcpOptionCode
{
    public const byte Pad = 0;
    public const byte SubnetMask = 1;
    public const byte Router = 3;
    public const byte DomainNameServer = 6;
    public const byte HostName = 12;
    public const byte DomainName = 15;
    public const byte BroadcastAddress = 28;
    /// <summary>Vendor-specific information; for PXE clients the PXE sub-options (PXE 2.1 spec).</summary>
    public const byte VendorSpecific = 43;
    public const byte RequestedIpAddress = 50;
    public const byte IpAddressLeaseTime = 51;
    /// <summary>Option overload: the 'file' (1), 'sname' (2) or both (3) header fields carry options.</summary>
    public const byte OptionOverload = 52;
    public const byte MessageType = 53;
    public const byte ServerIdentifier = 54;
    public const byte ParameterRequestList = 55;
    public const byte Message = 56;
    public const byte MaximumMessageSize = 57;
    public const byte RenewalTime = 58;
    public const byte RebindingTime = 59;
    public const byte VendorClassIdentifier = 60;
    public const byte ClientIdentifier = 61;
    public const byte TftpServerName = 66;
    public const byte BootFileName = 67;
    /// <summary>User class (RFC 3004).</summary>
    public const byte UserClass = 77;
    /// <summary>Relay agent information (RFC 3046), echoed in replies.</summary>
    public const byte RelayAgentInformation = 82;
    /// <summary>Client system architecture (RFC 4578 §2.1).</summary>
    public const byte ClientArchitecture = 93;
    /// <summary>Client network device interface (RFC 4578 §2.2).</summary>
    public const byte ClientNetworkInterface = 94;
    /// <summary>Client machine identifier, the UUID/GUID (RFC 4578 §2.3).</summary>
    public const byte ClientMachineIdentifier = 97;
    /// <summary>iPXE's encapsulated option space (ipxe include/ipxe/dhcp.h DHCP_EB_ENCAP).</summary>
    public const byte IpxeEncapsulated = 175;
    public const byte End = 255;
}
