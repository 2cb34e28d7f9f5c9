using System.Net;
using System.Net.Sockets;
using Zos.Core.Validation;

namespace Zos.Core.Networks;

/// <summary>
/// Gives members without a subnet the next free /24 of the network's /16: R.a.R.b.k.0/24 with k from 2 upwards,
/// skipping third octets already used, as tfgrid-sdk-go does (zos-networking.md §6.3 step 3). Members are served
/// in ordinal order of their id, so the result does not depend on the order the members are listed in.
/// </summary>
public static class SubnetAllocator
{
    /// <summary>The first third octet handed out (the original starts at 2).</summary>
    public const int FirstIndex = 2;

    public static SubnetAllocation AssignMissing(UserNetwork network)
    {
        var range = network.IpRange;
        if (range.BaseAddress.AddressFamily != AddressFamily.InterNetwork || range.PrefixLength != 16)
        {
            if (network.Members.All(m => m.Subnet is not null))
                return new SubnetAllocation(network, []);
            return new SubnetAllocation(null,
                [new ValidationError("ipRange", $"cannot allocate subnets in {range}: the range must be an IPv4 /16")]);
        }

        var used = new bool[256];
        foreach (var member in network.Members)
        {
            if (member.Subnet is { } subnet)
                MarkUsed(range, subnet, used);
        }

        var missing = network.Members
            .Select((member, index) => (member, index))
            .Where(x => x.member.Subnet is null)
            .OrderBy(x => x.member.Id, StringComparer.Ordinal)
            .ThenBy(x => x.index)
            .ToList();
        if (missing.Count == 0)
            return new SubnetAllocation(network, []);

        var members = network.Members.ToArray();
        var prefix = range.BaseAddress.GetAddressBytes();
        var next = FirstIndex;
        var errors = new List<ValidationError>();
        foreach (var (member, index) in missing)
        {
            while (next < 256 && used[next])
                next++;
            if (next >= 256)
            {
                errors.Add(new ValidationError($"members[{index}].subnet", $"no free /24 left in {range} for member '{member.Id}'"));
                continue;
            }

            used[next] = true;
            members[index] = member with { Subnet = new IPNetwork(new IPAddress([prefix[0], prefix[1], (byte)next, 0]), 24) };
        }

        return errors.Count > 0
            ? new SubnetAllocation(null, errors)
            : new SubnetAllocation(network with { Members = members }, []);
    }

    /// <summary>Marks every /24 of <paramref name="range"/> that <paramref name="subnet"/> touches.</summary>
    private static void MarkUsed(IPNetwork range, IPNetwork subnet, bool[] used)
    {
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            return;
        var rangeStart = ToUInt32(range.BaseAddress);
        var start = ToUInt32(subnet.BaseAddress);
        var end = start + (uint)((1UL << (32 - subnet.PrefixLength)) - 1);
        var rangeEnd = rangeStart + 0xFFFFu;
        if (end < rangeStart || start > rangeEnd)
            return;
        var first = (Math.Max(start, rangeStart) - rangeStart) >> 8;
        var last = (Math.Min(end, rangeEnd) - rangeStart) >> 8;
        for (var k = first; k <= last; k++)
            used[k] = true;
    }

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }
}
