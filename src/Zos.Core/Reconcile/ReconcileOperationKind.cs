namespace Zos.Core.Reconcile;

/// <summary>What one step of a pass does. The order of the members is the order a resource is built in.</summary>
public enum ReconcileOperationKind
{
    /// <summary>Remove a network no longer desired: its namespace (taking w-, n-, public with it), bridge and wireguard-go process.</summary>
    DeleteNetwork,
    /// <summary>Create br-ndmz, namespace ndmz, tonrs and the NAT toward the node's zos address.</summary>
    EnsureNdmz,
    CreateNamespace,
    CreateBridge,
    CreateGatewayLink,
    CreatePublicLink,
    /// <summary>Create w-&lt;netid&gt; in the underlay namespace and move it in (or re-create it when the underlay changed).</summary>
    CreateWireGuard,
    RemoveAddress,
    AddAddress,
    AddRoute,
    RemoveRoute,
    /// <summary>Set the private key and listen port.</summary>
    ConfigureWireGuard,
    /// <summary>Apply the peer set as a diff (no link down).</summary>
    SetPeers,
    ApplyFirewall,
}
