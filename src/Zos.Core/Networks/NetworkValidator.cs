using System.Net;
using System.Net.Sockets;
using Zos.Core.Naming;
using Zos.Core.Validation;
using Zos.Core.Primitives;

namespace Zos.Core.Networks;

/// <summary>
/// Checks a user network and returns every problem at once, each with the path of the field. Zero-OS checks
/// almost none of this (zos-networking.md §4.1 "Not checked", §8 item 8): the /16 range and /24 subnets that
/// wgIP silently assumes, free ports, well-formed endpoints.
/// </summary>
public static class NetworkValidator
{
    /// <summary>Ports a Zero-OS node keeps for itself (zos-networking.md §4.7); a network resource cannot listen there.</summary>
    public static IReadOnlyDictionary<int, string> NodeReservedPorts { get; } = new Dictionary<int, string>
    {
        [80] = "gateway",
        [300] = "iperf",
        [443] = "gateway",
        [8082] = "gateway",
        [9651] = "mycelium",
        [9943] = "yggdrasil",
        [9944] = "yggdrasil",
        [9945] = "yggdrasil",
    };

    /// <summary>
    /// Validates <paramref name="network"/>. <paramref name="otherNetworks"/> are networks already deployed that may
    /// share nodes with it: a node's listen port must differ between all its networks (zos#950, zos#1928).
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(UserNetwork network, IEnumerable<UserNetwork>? otherNetworks = null)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(network.Owner))
            errors.Add(new ValidationError("owner", "owner is required"));
        if (string.IsNullOrWhiteSpace(network.Name))
            errors.Add(new ValidationError("name", "name is required"));

        var rangeErrors = errors.Count;
        var rangeUsable = ValidateRange(network.IpRange, errors);
        // A range inside a reserved range already says so; repeating it for every subnet is noise.
        var checkSubnetsReserved = !errors.Skip(rangeErrors).Any(e => e.Message.Contains("reserved range", StringComparison.Ordinal));
        if (!network.Members.Any(m => m.Kind == NetworkMemberKind.Node))
            errors.Add(new ValidationError("members", "a network needs at least one node member"));

        var portsElsewhere = PortsUsedElsewhere(network, otherNetworks);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < network.Members.Count; i++)
        {
            var member = network.Members[i];
            var path = $"members[{i}]";
            if (string.IsNullOrWhiteSpace(member.Id))
                errors.Add(new ValidationError($"{path}.id", "member id is required"));
            else if (!ids.TryAdd(member.Id, i))
                errors.Add(new ValidationError($"{path}.id", $"duplicate member id '{member.Id}' (also members[{ids[member.Id]}])"));

            ValidateSubnet(network.IpRange, rangeUsable, checkSubnetsReserved, member, path, errors);

            if (!WireGuardKey.IsValid(member.PublicKey))
                errors.Add(new ValidationError($"{path}.publicKey", $"public key '{member.PublicKey}' is not base64 of 32 bytes"));
            else if (!keys.TryAdd(member.PublicKey, i))
                errors.Add(new ValidationError($"{path}.publicKey", $"public key is also used by member '{network.Members[keys[member.PublicKey]].Id}' (members[{keys[member.PublicKey]}])"));

            ValidatePort(member, path, portsElsewhere, errors);
            ValidateEndpoints(member, path, errors);

            if (member.Version < 0)
                errors.Add(new ValidationError($"{path}.version", $"version {member.Version} is negative"));
        }

        ValidateSubnetsDistinct(network, errors);
        ValidateAccessNode(network, ids, errors);
        return errors;
    }

    private static bool ValidateRange(IPNetwork range, List<ValidationError> errors)
    {
        if (range.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            errors.Add(new ValidationError("ipRange", $"ip range {range} is not IPv4"));
            return false;
        }

        var usable = true;
        if (range.PrefixLength != 16)
        {
            errors.Add(new ValidationError("ipRange", $"ip range {range} is a /{range.PrefixLength}; Zero-OS derives WireGuard addresses assuming a /16"));
            usable = false;
        }

        foreach (var reserved in ReservedRanges.All)
        {
            if (IpMath.Overlaps(range, reserved))
                errors.Add(new ValidationError("ipRange", $"ip range {range} overlaps the reserved range {reserved}"));
        }

        return usable;
    }

    private static void ValidateSubnet(IPNetwork range, bool rangeUsable, bool checkReserved, NetworkMember member, string path, List<ValidationError> errors)
    {
        if (member.Subnet is not { } subnet)
        {
            errors.Add(new ValidationError($"{path}.subnet", $"member '{member.Id}' has no subnet (allocate subnets first)"));
            return;
        }

        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            errors.Add(new ValidationError($"{path}.subnet", $"subnet {subnet} is not IPv4"));
            return;
        }

        if (subnet.PrefixLength != 24)
            errors.Add(new ValidationError($"{path}.subnet", $"subnet {subnet} is a /{subnet.PrefixLength}, expected a /24"));
        if (rangeUsable && !(range.Contains(subnet.BaseAddress) && subnet.PrefixLength >= range.PrefixLength))
            errors.Add(new ValidationError($"{path}.subnet", $"subnet {subnet} is outside the ip range {range}"));
        foreach (var reserved in checkReserved ? ReservedRanges.All : [])
        {
            if (IpMath.Overlaps(subnet, reserved))
                errors.Add(new ValidationError($"{path}.subnet", $"subnet {subnet} overlaps the reserved range {reserved}"));
        }
    }

    /// <summary>Sweeps subnets sorted by first address: O(n log n) instead of comparing every pair.</summary>
    private static void ValidateSubnetsDistinct(UserNetwork network, List<ValidationError> errors)
    {
        var spans = new List<(ulong Start, ulong End, int Index)>(network.Members.Count);
        for (var i = 0; i < network.Members.Count; i++)
        {
            if (network.Members[i].Subnet is { } s && s.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                var start = Ipv4ToUInt(s.BaseAddress);
                spans.Add((start, start + (1UL << (32 - s.PrefixLength)) - 1, i));
            }
        }

        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
        var widest = -1;
        for (var k = 0; k < spans.Count; k++)
        {
            var span = spans[k];
            if (widest >= 0 && span.Start <= spans[widest].End)
            {
                var other = network.Members[spans[widest].Index];
                var member = network.Members[span.Index];
                errors.Add(new ValidationError($"members[{span.Index}].subnet",
                    $"subnet {member.Subnet} overlaps subnet {other.Subnet} of member '{other.Id}' (members[{spans[widest].Index}])"));
            }

            if (widest < 0 || span.End > spans[widest].End)
                widest = k;
        }
    }

    private static void ValidatePort(NetworkMember member, string path, Dictionary<(string, int), UserNetwork> portsElsewhere, List<ValidationError> errors)
    {
        var port = member.ListenPort;
        var isNode = member.Kind == NetworkMemberKind.Node;
        if (port is < 0 or > 65535 || (port == 0 && isNode))
        {
            errors.Add(new ValidationError($"{path}.listenPort", isNode
                ? $"listen port {port} is out of range 1-65535"
                : $"listen port {port} is out of range 0-65535 (0 lets the kernel pick)"));
            return;
        }

        if (!isNode)
            return;
        if (NodeReservedPorts.TryGetValue(port, out var user))
            errors.Add(new ValidationError($"{path}.listenPort", $"listen port {port} is reserved on Zero-OS nodes ({user})"));
        if (portsElsewhere.TryGetValue((member.Id, port), out var other))
            errors.Add(new ValidationError($"{path}.listenPort", $"listen port {port} is already used on node '{member.Id}' by network '{other.Name}' of owner '{other.Owner}'"));
    }

    private static void ValidateEndpoints(NetworkMember member, string path, List<ValidationError> errors)
    {
        if (member.PublicIPv4 is { } v4 && PublicEndpointAddress.Problem(v4, AddressFamily.InterNetwork) is { } p4)
            errors.Add(new ValidationError($"{path}.ipv4", p4));
        if (member.PublicIPv6 is { } v6 && PublicEndpointAddress.Problem(v6, AddressFamily.InterNetworkV6) is { } p6)
            errors.Add(new ValidationError($"{path}.ipv6", p6));
        if (member.Kind == NetworkMemberKind.UserAccess && (member.PublicIPv4 is not null || member.PublicIPv6 is not null))
        {
            errors.Add(new ValidationError(path, "user-access members are clients that dial the access node; their public addresses are ignored",
                ValidationSeverity.Warning));
        }
    }

    private static void ValidateAccessNode(UserNetwork network, Dictionary<string, int> ids, List<ValidationError> errors)
    {
        if (network.AccessNodeId is not { } id)
            return;
        if (!ids.TryGetValue(id, out var index))
        {
            errors.Add(new ValidationError("accessNode", $"access node '{id}' is not a member"));
            return;
        }

        var member = network.Members[index];
        if (member.Kind != NetworkMemberKind.Node)
            errors.Add(new ValidationError("accessNode", $"access node '{id}' is a user-access member, not a node"));
        else if (member.IsHidden)
            errors.Add(new ValidationError("accessNode", $"access node '{id}' has no public endpoint"));
    }

    private static Dictionary<(string, int), UserNetwork> PortsUsedElsewhere(UserNetwork network, IEnumerable<UserNetwork>? others)
    {
        var used = new Dictionary<(string, int), UserNetwork>();
        if (others is null)
            return used;
        foreach (var other in others)
        {
            if (other.Owner == network.Owner && other.Name == network.Name)
                continue; // the same network, e.g. its previously stored version
            foreach (var member in other.Members)
            {
                if (member.Kind == NetworkMemberKind.Node)
                    used.TryAdd((member.Id, member.ListenPort), other);
            }
        }

        return used;
    }

    private static ulong Ipv4ToUInt(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (ulong)b[0] << 24 | (ulong)b[1] << 16 | (ulong)b[2] << 8 | b[3];
    }
}
