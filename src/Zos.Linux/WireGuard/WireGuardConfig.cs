using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>The desired configuration of one device.</summary>
/// <param name="PrivateKey">The device's private key.</param>
/// <param name="ListenPort">The UDP port, or null to keep the current one (a fresh device picks a random port).</param>
/// <param name="Peers">The complete set of peers (one per public key).</param>
public sealed record WireGuardConfig(WireGuardKey PrivateKey, ushort? ListenPort, IReadOnlyList<WireGuardPeer> Peers);
