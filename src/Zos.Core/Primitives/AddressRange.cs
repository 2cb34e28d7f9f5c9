using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Primitives;

/// <summary>An inclusive range of IPv4 addresses (a DHCP pool, a block of assignable public IPs): "a.b.c.d-a.b.c.e" or one address.</summary>
public readonly record struct AddressRange(IPAddress First, IPAddress Last)
{
    public static AddressRange Single(IPAddress address) => new(address, address);

    public long Count => (long)IpMath.ToUInt32(Last) - IpMath.ToUInt32(First) + 1;

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var a = IpMath.ToUInt32(address);
        return a >= IpMath.ToUInt32(First) && a <= IpMath.ToUInt32(Last);
    }

    public bool Overlaps(AddressRange other) =>
        IpMath.ToUInt32(First) <= IpMath.ToUInt32(other.Last) && IpMath.ToUInt32(other.First) <= IpMath.ToUInt32(Last);

    /// <summary>Both ends inside <paramref name="network"/>.</summary>
    public bool IsInside(IPNetwork network) => network.Contains(First) && network.Contains(Last);

    public IEnumerable<IPAddress> Addresses()
    {
        for (long a = IpMath.ToUInt32(First); a <= IpMath.ToUInt32(Last); a++)
            yield return IpMath.FromUInt32((uint)a);
    }

    /// <summary>Parses "first-last" or a single address (IPv4 only, dotted quads, first &lt;= last).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AddressRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var firstText = (dash < 0 ? text : text[..dash]).Trim();
        var lastText = (dash < 0 ? text : text[(dash + 1)..]).Trim();
        if (!IpAddressText.TryParse(firstText, out var first) || !IpAddressText.TryParse(lastText, out var last)
            || first.AddressFamily != AddressFamily.InterNetwork || last.AddressFamily != AddressFamily.InterNetwork
            || IpMath.ToUInt32(first) > IpMath.ToUInt32(last))
        {
            return false;
        }
        range = new AddressRange(first, last);
        return true;
    }

    public override string ToString() => First.Equals(Last) ? First.ToString() : $"{First}-{Last}";
}
