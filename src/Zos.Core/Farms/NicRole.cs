namespace Zos.Core.Farms;

/// <summary>What a node's NIC carries. A single NIC carries both (management, and public through the tozos veth).</summary>
public enum NicRole
{
    /// <summary>Boots and gets the node's DHCP address: bridge zos.</summary>
    Management,
    /// <summary>The second NIC of a dual-NIC node, uplink of br-pub.</summary>
    Public,
    /// <summary>Plugged but unused by Zos (the node ignores it).</summary>
    Unused,
}
