namespace Zos.Protocols.Dhcp;

/// <summary>The BOOTP 'op' field (RFC 951, RFC 2131 §2).</summary>
public enum DhcpOpcode : byte
{
    BootRequest = 1,
    BootReply = 2,
}
