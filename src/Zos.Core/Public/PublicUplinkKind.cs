namespace Zos.Core.Public;

/// <summary>How br-pub reaches the outside (reference §3.2).</summary>
public enum PublicUplinkKind
{
    /// <summary>A second NIC is enslaved to br-pub (dual-NIC).</summary>
    Nic,
    /// <summary>Single-NIC mode: the veth tozos (on zos) / p-tozos (on br-pub).</summary>
    SingleNic,
}
