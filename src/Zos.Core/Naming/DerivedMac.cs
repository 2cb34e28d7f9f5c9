using System.Security.Cryptography;
using System.Text;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>
/// Deterministic MAC addresses exactly as Zero-OS derives them (<c>HardwareAddrFromInputBytes</c>,
/// zos-networking.md §4.10): a window of md5(input) made locally administered and unicast, with the original's
/// range check replicated byte for byte (including its quirk of comparing the wrong bytes), so a node keeps the
/// MACs (and therefore the DHCP leases) Zero-OS gave it.
/// </summary>
public static class DerivedMac
{
    private const int MaxOffset = 10;

    /// <summary>The MAC of the ndmz macvlan <c>npub4</c> (on <c>zos</c>, DHCP): md5 input nodeId + "-ndmz4".</summary>
    public static MacAddress ForNpub4(string nodeId) => FromText(nodeId + "-ndmz4");

    /// <summary>The MAC of the ndmz macvlan <c>npub6</c> (on <c>br-pub</c>, SLAAC): nodeId + "-ndmz6".</summary>
    public static MacAddress ForNpub6(string nodeId) => FromText(nodeId + "-ndmz6");

    /// <summary>The MAC of the macvlan <c>public</c> in the <c>public</c> namespace (pub:mac=random): nodeId + "-public".</summary>
    public static MacAddress ForPublic(string nodeId) => FromText(nodeId + "-public");

    /// <summary>Derives from the UTF-8 bytes of <paramref name="text"/> (Go converts strings to bytes the same way).</summary>
    public static MacAddress FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    public static MacAddress FromBytes(ReadOnlySpan<byte> input)
    {
        // Mirrors the Go loop: hs = md5(input); try the 6-byte window at offset 0..10, modifying hs in place;
        // after the last window fails, hash the modified hs and start over.
        Span<byte> hs = stackalloc byte[MD5.HashSizeInBytes];
        Span<byte> next = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(input, hs);
        while (true)
        {
            for (var offset = 0; offset <= MaxOffset; offset++)
            {
                var addr = hs.Slice(offset, 6);
                // Locally administered (bit 1 set), unicast (bit 0 cleared), written back into hs on purpose.
                addr[0] = (byte)((addr[0] | 0x02) & 0xFE);
                if (IsInAcceptedRange(addr))
                    return new MacAddress(addr);
            }
            MD5.HashData(hs, next);
            next.CopyTo(hs);
        }
    }

    /// <summary>
    /// The original's range check: it compares the last three bytes against upper bounds but the first two
    /// against lower bounds. Replicated as is because the derived MACs must match Zero-OS's.
    /// </summary>
    private static bool IsInAcceptedRange(ReadOnlySpan<byte> addr)
    {
        var tail = addr[3..6];
        var head = addr[0..2];
        if (tail.SequenceCompareTo((ReadOnlySpan<byte>)[0x00, 0x51, 0xff]) <= 0)
            return head.SequenceCompareTo((ReadOnlySpan<byte>)[0x00, 0x03]) >= 0;
        if (tail.SequenceCompareTo((ReadOnlySpan<byte>)[0x90, 0x00, 0xff]) <= 0)
            return head.SequenceCompareTo((ReadOnlySpan<byte>)[0x00, 0x54]) >= 0 && !head.SequenceEqual((ReadOnlySpan<byte>)[0x33, 0x33]);
        return addr.SequenceCompareTo((ReadOnlySpan<byte>)[0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]) <= 0
            && head.SequenceCompareTo((ReadOnlySpan<byte>)[0x90, 0x02]) >= 0;
    }
}
