using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;

namespace Zos.Node.Network;

/// <summary>
/// The network manager's port to the kernel, as <see cref="Bringup.ILinkControl"/> is bring-up's: read back what the
/// node has, carry out one operation, read the WireGuard devices' handshakes. <see cref="NetworkKernel"/> is the real
/// one (netlink, namespaces, nftables, wireguard-go); tests give a fake, so the reconcile loop runs without root.
/// </summary>
public interface INetworkKernel
{
    /// <summary>
    /// Everything a pass compares against: ndmz, every network resource found, and the WireGuard key, port and peers
    /// of each device this process holds.
    /// </summary>
    /// <param name="knownIds">NetIDs of the persisted state: their namespaces count even without a bridge (a pass cut short).</param>
    Task<ActualNodeState> ObserveAsync(IReadOnlySet<string> knownIds, CancellationToken ct);

    /// <summary>Carries out one step; throws naming what failed.</summary>
    Task ApplyAsync(ReconcileOperation operation, CancellationToken ct);

    /// <summary>The latest handshake per peer of the network's WireGuard device (empty when the device is not held).</summary>
    Task<IReadOnlyList<PeerHandshake>> HandshakesAsync(string netId, CancellationToken ct);

    /// <summary>Which WireGuard runs the network's device (<see cref="WireGuardImplementations"/>), or null when none is held.</summary>
    string? WireGuardImplementation(string netId);

    /// <summary>
    /// Applies the host firewall (policy drop on the node's own addresses) and, when the public namespace exists, its
    /// ruleset, with <paramref name="ports"/> open where the WireGuard sockets live; nothing is done for a ruleset that
    /// is in place unchanged.
    /// </summary>
    Task EnsureHostFirewallAsync(WireGuardPorts ports, CancellationToken ct);

    /// <summary>
    /// The UDP ports bound by anything in the namespaces where WireGuard sockets live (the host's and, when it exists,
    /// public): the port allocator never hands those out. Throws naming the namespace when they cannot be read.
    /// </summary>
    IReadOnlySet<int> BusyUdpPorts();
    /// <summary>The farm's setting: answer ICMP echo on the node's management and public addresses (applied by the next firewall step).</summary>
    bool AnswerIcmpEcho { get; set; }

    /// <summary>The addresses of the node's management uplink (zos), the endpoint candidates when there is no public namespace.</summary>
    IReadOnlyList<IPAddress> UplinkAddresses();
}
