using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Zos.Core.Primitives;

/// <summary>Arithmetic on addresses and prefixes that <see cref="IPNetwork"/> does not offer (masking, broadcast, counting).</summary>
public static class IpMath
{
    /// <summary>The prefix of length <paramref name="prefixLength"/> that contains <paramref name="address"/> (host bits cleared).</summary>
    public static IPNetwork NetworkOf(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        var bits = bytes.Length * 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    public static uint ToUInt32(IPAddress ipv4)
    {
        if (ipv4.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"address {ipv4} is not IPv4", nameof(ipv4));
        Span<byte> b = stackalloc byte[4];
        ipv4.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return new IPAddress(b);
    }

    /// <summary>The last address of an IPv4 prefix (the broadcast address for prefixes shorter than /31).</summary>
    public static IPAddress LastAddress(IPNetwork network)
    {
        var first = ToUInt32(network.BaseAddress);
        var size = network.PrefixLength == 0 ? uint.MaxValue : (1u << (32 - network.PrefixLength)) - 1;
        return FromUInt32(first | size);
    }

    /// <summary>Number of addresses in a prefix (2^(bits - prefix length)).</summary>
    public static BigInteger Size(IPNetwork network)
    {
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return BigInteger.One << (bits - network.PrefixLength);
    }

    /// <summary>
    /// Whether an IPv4 address can be given to a host of <paramref name="network"/>: not the network or broadcast
    /// address, except in /31 and /32 where every address is usable (RFC 3021).
    /// </summary>
    public static bool IsHostAddress(IPNetwork network, IPAddress address)
    {
        if (!network.Contains(address))
            return false;
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork || network.PrefixLength >= 31)
            return true;
        return !address.Equals(network.BaseAddress) && !address.Equals(LastAddress(network));
    }

    /// <summary>True when two prefixes share any address (same family only).</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));
}
