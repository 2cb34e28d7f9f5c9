namespace Zos.Linux.Dhcp;

/// <summary>The udhcpc script events (busybox networking/udhcp/dhcpc.c).</summary>
public enum DhcpEventKind
{
    /// <summary>Unknown event name (reported, not fatal).</summary>
    Unknown,
    /// <summary>"deconfig": the client starts or lost its lease; the interface should have no lease address.</summary>
    Deconfig,
    /// <summary>"bound": a new lease.</summary>
    Bound,
    /// <summary>"renew": the lease was renewed (possibly with changed options).</summary>
    Renew,
    /// <summary>"leasefail": no lease could be obtained.</summary>
    LeaseFail,
    /// <summary>"nak": the server refused.</summary>
    Nak,
}
