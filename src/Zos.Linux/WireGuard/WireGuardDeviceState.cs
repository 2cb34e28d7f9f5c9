using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>A device's configuration and counters as read back over the configuration protocol.</summary>
/// <param name="PrivateKey">The private key, or null when none is set.</param>
/// <param name="ListenPort">The UDP port (0 when not listening).</param>
/// <param name="FirewallMark">The fwmark, 0 when unset.</param>
/// <param name="Peers">The peers in the device's order.</param>
public sealed record WireGuardDeviceState(WireGuardKey? PrivateKey, ushort ListenPort, uint FirewallMark, IReadOnlyList<WireGuardPeerState> Peers)
{
    /// <summary>The peer with <paramref name="publicKey"/>, or null.</summary>
    public WireGuardPeerState? Peer(WireGuardKey publicKey) => Peers.FirstOrDefault(p => p.PublicKey == publicKey);
}
