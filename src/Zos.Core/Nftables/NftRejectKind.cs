namespace Zos.Core.Nftables;

/// <summary>How a reject answers.</summary>
public enum NftRejectKind
{
    /// <summary>The kernel default (port unreachable; TCP reset is not implied).</summary>
    Default,
    /// <summary>TCP reset (only matches TCP; put a tcp match before it).</summary>
    TcpReset,
    /// <summary>ICMP administratively prohibited (the original's answer to SMTP from user networks).</summary>
    AdminProhibited,
    /// <summary>ICMP port unreachable.</summary>
    PortUnreachable,
    /// <summary>ICMP host unreachable.</summary>
    HostUnreachable,
}
