using System.Globalization;
using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// Gives every network of a desired state its WireGuard key, listen port and ndmz lease, keeping what the node
/// already has (keys and leases never move while a network lives). Everything is checked before anything is
/// returned, so a conflict stops the pass before the kernel is touched. Networks no longer desired are dropped.
/// </summary>
public static class NodeStateAllocator
{
    /// <summary>First port tried when the registry leaves the choice to the node (WireGuard's customary port).</summary>
    public const int FirstPort = 51820;

    public const int LastPort = 65535;

    /// <param name="current">The persisted state.</param>
    /// <param name="parts">The networks this node must run.</param>
    /// <param name="newPrivateKey">Makes a fresh base64 private key (the node's random source).</param>
    /// <param name="portsBusy">UDP ports already bound on the node by something else; never handed out.</param>
    public static AllocationResult Allocate(
        NodeNetworkState current, IReadOnlyList<NetworkPart> parts, Func<string> newPrivateKey, IReadOnlySet<int> portsBusy)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(newPrivateKey);
        ArgumentNullException.ThrowIfNull(portsBusy);

        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!NetId.TryParse(part.NetId, out _))
                errors.Add($"network '{part.Name}': netId '{part.NetId}' is not a 13-character base58 NetID");
            else if (!seen.Add(part.NetId))
                errors.Add($"network '{part.Name}': netId '{part.NetId}' appears twice in the desired state");
            if (part.ListenPort is < 0 or > LastPort)
                errors.Add($"network '{part.Name}': listenPort {part.ListenPort.ToString(CultureInfo.InvariantCulture)} is outside 0-65535");
        }
        if (errors.Count > 0)
            return new AllocationResult(current, errors);

        var kept = current.Networks.Where(n => seen.Contains(n.NetId)).ToList();
        var usedPorts = new HashSet<int>();
        var usedLeases = new HashSet<uint>();
        foreach (var n in kept)
        {
            if (!usedPorts.Add(n.ListenPort))
                errors.Add($"network '{n.NetId}': persisted listenPort {n.ListenPort.ToString(CultureInfo.InvariantCulture)} is also held by another network");
            if (!IPAddress.TryParse(n.NdmzLease, out var lease) || !InPool(lease))
                errors.Add($"network '{n.NetId}': persisted ndmzLease '{n.NdmzLease}' is not in {NdmzLink.PoolStart}-{NdmzLink.PoolEnd}");
            else if (!usedLeases.Add(IpMath.ToUInt32(lease)))
                errors.Add($"network '{n.NetId}': persisted ndmzLease {n.NdmzLease} is also held by another network");
        }
        if (errors.Count > 0)
            return new AllocationResult(current, errors);

        var result = new List<PersistedNetwork>(parts.Count);
        foreach (var part in parts)
        {
            if (kept.FirstOrDefault(n => n.NetId == part.NetId) is { } existing)
            {
                result.Add(existing with { Name = part.Name, Range = part.Range, Subnet = part.Subnet });
                continue;
            }
            int? port = part.ListenPort > 0 && !usedPorts.Contains(part.ListenPort) && !portsBusy.Contains(part.ListenPort)
                ? part.ListenPort
                : FreePort(usedPorts, portsBusy);
            if (port is null)
            {
                errors.Add($"network '{part.Name}': no free UDP port in {FirstPort}-{LastPort}");
                continue;
            }
            var lease = FreeLease(usedLeases);
            if (lease is null)
            {
                errors.Add($"network '{part.Name}': ndmz pool {NdmzLink.PoolStart}-{NdmzLink.PoolEnd} is exhausted");
                continue;
            }
            usedPorts.Add(port.Value);
            usedLeases.Add(IpMath.ToUInt32(lease));
            result.Add(new PersistedNetwork(part.NetId, newPrivateKey(), port.Value, lease.ToString()) { Name = part.Name, Range = part.Range, Subnet = part.Subnet });
        }
        return errors.Count > 0
            ? new AllocationResult(current, errors)
            : new AllocationResult(current with { Networks = result }, []);
    }

    private static bool InPool(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            return false;
        var v = IpMath.ToUInt32(address);
        return v >= IpMath.ToUInt32(NdmzLink.PoolStart) && v <= IpMath.ToUInt32(NdmzLink.PoolEnd);
    }

    private static int? FreePort(HashSet<int> used, IReadOnlySet<int> busy)
    {
        for (var p = FirstPort; p <= LastPort; p++)
        {
            if (!used.Contains(p) && !busy.Contains(p))
                return p;
        }
        return null;
    }

    private static IPAddress? FreeLease(HashSet<uint> used)
    {
        var end = IpMath.ToUInt32(NdmzLink.PoolEnd);
        for (var v = IpMath.ToUInt32(NdmzLink.PoolStart); v <= end; v++)
        {
            if (!used.Contains(v))
                return IpMath.FromUInt32(v);
        }
        return null;
    }
}
