using System.Globalization;
using Zos.Core.Contracts;

namespace Zos.Core.Reconcile;

/// <summary>What w-&lt;netid&gt; must hold: its private key (base64, never sent anywhere), listen port and peers.</summary>
public sealed record DesiredWireGuard(string PrivateKey, int ListenPort, IReadOnlyList<PeerSpec> Peers)
{
    /// <summary>The port only: the key stays out of messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"port {ListenPort}, {Peers.Count} peer(s)");
}
