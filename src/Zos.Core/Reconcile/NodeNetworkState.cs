namespace Zos.Core.Reconcile;

/// <summary>
/// The node's persisted network state (kept in the state directory, written atomically): one entry per network
/// resource and the public NIC chosen for br-pub (null until chosen; "" for single-NIC mode).
/// </summary>
public sealed record NodeNetworkState(IReadOnlyList<PersistedNetwork> Networks, string? PublicNic = null)
{
    public static NodeNetworkState Empty { get; } = new([]);

    public PersistedNetwork? Find(string netId) => Networks.FirstOrDefault(n => n.NetId == netId);
}
