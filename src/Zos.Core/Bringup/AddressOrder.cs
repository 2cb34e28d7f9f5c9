using System.Net;

namespace Zos.Core.Bringup;

/// <summary>Orders addresses by family, then byte by byte (the original compares IPv4 addresses bytewise).</summary>
public sealed class AddressOrder : IComparer<IPAddress>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(IPAddress? x, IPAddress? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var family = x.AddressFamily.CompareTo(y.AddressFamily);
        if (family != 0)
            return family;
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, out var na);
        y.TryWriteBytes(b, out var nb);
        return a[..na].SequenceCompareTo(b[..nb]);
    }
}
