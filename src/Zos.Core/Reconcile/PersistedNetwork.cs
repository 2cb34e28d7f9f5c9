namespace Zos.Core.Reconcile;

/// <summary>
/// What the node must remember about one network resource across restarts: its WireGuard private key (base64,
/// generated on the node and never sent anywhere), its listen port and its ndmz lease in 100.127.0.0/16; and, for
/// local tools such as <c>zos node attach</c>, the network's name, range and this node's subnet as last desired.
/// </summary>
public sealed record PersistedNetwork(string NetId, string PrivateKey, int ListenPort, string NdmzLease)
{
    public string? Name { get; init; }

    public string? Range { get; init; }

    public string? Subnet { get; init; }
}
