using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Primitives;

/// <summary>
/// An address with its prefix length as configured on an interface, host bits kept ("185.69.166.121/24"), the
/// form Zero-OS public configs and farm public IPs use. <see cref="IPNetwork"/> rejects host bits, hence this type.
/// </summary>
public readonly record struct InterfaceAddress(IPAddress Address, int PrefixLength)
{
    public IPNetwork Network => IpMath.NetworkOf(Address, PrefixLength);

    public AddressFamily Family => Address.AddressFamily;

    public static bool TryParse([NotNullWhen(true)] string? text, out InterfaceAddress result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
            return false;
        if (!IpAddressText.TryParse(text.AsSpan(0, slash), out var address))
            return false;
        var lengthText = text.AsSpan(slash + 1);
        if (lengthText.ContainsAnyExceptInRange('0', '9') || lengthText.Length > 3)
            return false;
        var length = int.Parse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > max)
            return false;
        // "1.2.3.4" parses as IPv4 but "::ffff:1.2.3.4" stays IPv6: keep what was written.
        result = new InterfaceAddress(address, length);
        return true;
    }

    public static InterfaceAddress Parse(string text) =>
        TryParse(text, out var result) ? result : throw new FormatException($"'{text}' is not an address with a prefix length (e.g. 198.51.100.10/24)");

    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
