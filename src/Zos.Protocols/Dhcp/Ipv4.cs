using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Zos.Protocols.Dhcp;

/// <summary>IPv4 helpers: the address as a host-order integer for pool arithmetic, and checks.</summary>
public static class Ipv4
{
    public static uint ToUInt32(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(b, out _))
            throw new ArgumentException($"'{address}' is not an IPv4 address", nameof(address));
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return new IPAddress(b);
    }

    public static byte[] ToBytes(IPAddress address)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, ToUInt32(address));
        return b;
    }

    public static bool IsUnspecified(IPAddress address) => address.Equals(IPAddress.Any);

    /// <summary>The subnet mask of a prefix length, e.g. 24 → 255.255.255.0.</summary>
    public static IPAddress Mask(int prefixLength) =>
        FromUInt32(prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength));

    public static IPAddress Broadcast(IPNetwork network) =>
        FromUInt32(ToUInt32(network.BaseAddress) | ~Ipv4.ToUInt32(Mask(network.PrefixLength)));
}
