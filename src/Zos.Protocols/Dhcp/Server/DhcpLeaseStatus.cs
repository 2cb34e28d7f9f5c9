namespace Zos.Protocols.Dhcp.Server;

/// <summary>Offered: held for a short time after an OFFER. Bound: ACKed. Declined: the client found the address in use (RFC 2131 §4.3.3).</summary>
public enum DhcpLeaseStatus
{
    Offered,
    Bound,
    Declined,
}
