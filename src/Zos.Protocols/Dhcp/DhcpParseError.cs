namespace Zos.Protocols.Dhcp;

/// <summary>Why a datagram is not an acceptable DHCPv4 message; the server counts drops by this reason.</summary>
public enum DhcpParseError
{
    None = 0,
    TooShort,
    BadOpcode,
    BadHardwareAddressLength,
    BadMagicCookie,
    TruncatedOption,
    MissingEndOption,
    BadOverload,
    BadOptionLength,
    BadOptionValue,
}
