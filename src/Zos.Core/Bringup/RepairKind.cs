namespace Zos.Core.Bringup;

/// <summary>One step that brings a half-done <c>zos</c> setup back to the wanted shape.</summary>
public enum RepairKind
{
    /// <summary>A link named zos exists but is not a bridge: delete it (then bring-up creates the bridge).</summary>
    DeleteForeignLink,

    /// <summary>No physical NIC is enslaved: probe the free NICs and attach the chosen one.</summary>
    ProbeAndAttach,

    /// <summary>Release a surplus port (a second physical NIC) from the bridge.</summary>
    ReleasePort,

    /// <summary>Set the bridge MAC to the enslaved NIC's MAC so DHCP reservations keyed on it apply.</summary>
    SetBridgeMac,

    SetBridgeUp,

    SetPortUp,

    /// <summary>IPv6 lives on zos only: disable it on the enslaved NIC.</summary>
    DisablePortIpv6,

    /// <summary>vlan_filtering must match whether vlan:priv is set (kernel may lack it when not needed).</summary>
    SetVlanFiltering,

    /// <summary>No address yet: the DHCP client on zos will get one (started in every case; listed for the report).</summary>
    AwaitLease,
}
