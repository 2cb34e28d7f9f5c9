using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>
/// The difference between a device's state and the desired configuration: only what changes. Applying it never
/// replaces the whole peer set and never touches the link, so unchanged peers keep their session (no handshake reset).
/// </summary>
/// <param name="PrivateKey">A new private key, or null.</param>
/// <param name="ListenPort">A new listen port, or null.</param>
/// <param name="Peers">Peer additions, changes and removals.</param>
public sealed record WireGuardUpdate(WireGuardKey? PrivateKey, ushort? ListenPort, IReadOnlyList<WireGuardPeerChange> Peers)
{
    /// <summary>True when nothing needs to change.</summary>
    public bool IsEmpty => PrivateKey is null && ListenPort is null && Peers.Count == 0;

    /// <summary>
    /// Computes the update that turns <paramref name="current"/> into <paramref name="desired"/>. Pure. Peers are compared
    /// by public key; allowed IPs as sets; a desired endpoint of null keeps whatever the device has (learned roaming).
    /// </summary>
    public static WireGuardUpdate Between(WireGuardDeviceState current, WireGuardConfig desired)
    {
        var duplicates = desired.Peers.GroupBy(p => p.PublicKey).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
            throw new ArgumentException($"WireGuard peer {duplicates.Key} appears {duplicates.Count()} times in the desired configuration", nameof(desired));
        var changes = new List<WireGuardPeerChange>();
        foreach (var old in current.Peers.Where(p => desired.Peers.All(d => d.PublicKey != p.PublicKey)))
            changes.Add(new WireGuardPeerChange(old.PublicKey, true, null, null, null));
        foreach (var want in desired.Peers)
        {
            var have = current.Peer(want.PublicKey);
            if (have is null)
            {
                changes.Add(new WireGuardPeerChange(want.PublicKey, false, want.Endpoint, want.PersistentKeepaliveSeconds, want.AllowedIps));
                continue;
            }
            var endpoint = want.Endpoint is not null && !want.Endpoint.Equals(have.Endpoint) ? want.Endpoint : null;
            ushort? keepalive = want.PersistentKeepaliveSeconds != have.PersistentKeepaliveSeconds ? want.PersistentKeepaliveSeconds : null;
            var allowed = want.AllowedIps.ToHashSet().SetEquals(have.AllowedIps) ? null : want.AllowedIps;
            if (endpoint is not null || keepalive is not null || allowed is not null)
                changes.Add(new WireGuardPeerChange(want.PublicKey, false, endpoint, keepalive, allowed));
        }
        var key = current.PrivateKey == desired.PrivateKey ? (WireGuardKey?)null : desired.PrivateKey;
        ushort? port = desired.ListenPort is { } p && p != current.ListenPort ? p : null;
        return new WireGuardUpdate(key, port, changes);
    }
}
