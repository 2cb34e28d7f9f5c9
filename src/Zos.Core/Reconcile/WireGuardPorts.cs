namespace Zos.Core.Reconcile;

/// <summary>
/// The UDP ports the node's WireGuard devices listen on, each once and ascending: the host firewall opens them while
/// the devices' sockets live in the host namespace (no <c>public</c> namespace). Equal when the ports are.
/// </summary>
public sealed record WireGuardPorts
{
    public static WireGuardPorts None { get; } = new([]);

    /// <param name="listenPorts">Listen ports of the desired networks; 0 (not chosen yet) and values outside 1-65535 are left out.</param>
    public WireGuardPorts(IEnumerable<int> listenPorts)
    {
        ArgumentNullException.ThrowIfNull(listenPorts);
        Ports = [.. listenPorts.Where(p => p is > 0 and <= ushort.MaxValue).Select(p => (ushort)p).Distinct().Order()];
    }

    public IReadOnlyList<ushort> Ports { get; }

    public bool Equals(WireGuardPorts? other) => other is not null && Ports.SequenceEqual(other.Ports);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Ports)
            hash.Add(p);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(',', Ports);
}
