namespace Zos.Node.Bringup;

/// <summary>udhcpc's script events (busybox udhcpc: deconfig, bound, renew, leasefail, nak).</summary>
public enum LeaseEventKind
{
    Deconfig,
    Bound,
    Renew,
    LeaseFail,
    Nak,
}
