namespace Zos.Linux.Netlink;

/// <summary>
/// One VLAN membership of a bridge port or of the bridge itself (struct bridge_vlan_info, linux/if_bridge.h).
/// </summary>
/// <param name="VlanId">The VLAN id, 1..4094.</param>
/// <param name="Pvid">Untagged ingress frames are classified into this VLAN (BRIDGE_VLAN_INFO_PVID).</param>
/// <param name="Untagged">Egress frames of this VLAN leave untagged (BRIDGE_VLAN_INFO_UNTAGGED).</param>
public sealed record BridgeVlan(ushort VlanId, bool Pvid = false, bool Untagged = false)
{
    /// <summary>Throws when the id is outside 1..4094 (IEEE 802.1Q reserves 0 and 4095).</summary>
    public void Validate()
    {
        if (VlanId is < 1 or > 4094)
            throw new ArgumentOutOfRangeException(nameof(VlanId), VlanId, $"VLAN id {VlanId} is outside 1..4094");
    }
}
