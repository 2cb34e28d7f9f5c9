using Zos.Registry.Storage;

namespace Zos.Registry.Mesh;

/// <summary>
/// The single call that turns a network and its members' reported keys, ports and endpoints into each member's
/// peers. The computation itself belongs to Zos.Core.Mesh (core-mesh); until it is merged this returns no peers,
/// so desired states carry subnets and ports but an empty peer list.
/// </summary>
public static class MeshAdapter
{
    public static MeshView Compute(StoredNetwork network, IReadOnlyDictionary<string, StoredNode> nodes)
    {
        var states = network.Document.Members.Select(m => MemberState.Of(m, network.NetId, nodes)).ToList();
        _ = states;
        return new MeshView(null, new Dictionary<string, IReadOnlyList<Zos.Core.Contracts.PeerSpec>>(), "mesh computation not wired yet (Zos.Core.Mesh pending)");
    }

    /// <summary>The first free /24 of <paramref name="range"/> from index 2 (core-mesh's SubnetAllocator replaces this).</summary>
    public static string? AllocateSubnet(string range, IEnumerable<string> used)
    {
        if (!Validation.IPNetworkText.TryParseInterfaceAddress(range, out _, out var net) || net.PrefixLength > 24)
            return null;
        var taken = used.ToHashSet(StringComparer.Ordinal);
        var baseBytes = net.BaseAddress.GetAddressBytes();
        var count = 1 << (24 - net.PrefixLength);
        for (var i = 2; i < count; i++)
        {
            var b = (byte[])baseBytes.Clone();
            var value = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8)) + (i << 8);
            var candidate = $"{(value >> 24) & 0xFF}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.0/24";
            if (!taken.Contains(candidate))
                return candidate;
        }
        return null;
    }
}
