using System.Globalization;
using System.Net;

namespace Zos.Registry.Validation;

/// <summary>Parses "address/prefix" text where the address may have host bits (an interface address), unlike <see cref="IPNetwork.TryParse(string, out IPNetwork)"/>.</summary>
public static class IPNetworkText
{
    public static bool TryParseInterfaceAddress(string? text, out IPAddress address, out IPNetwork network)
    {
        address = IPAddress.None;
        network = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(text[..slash], out var a)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
            return false;
        var max = a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix < 0 || prefix > max)
            return false;
        address = a;
        network = new IPNetwork(Mask(a, prefix), prefix);
        return true;
    }

    /// <summary>The network address of <paramref name="address"/>/<paramref name="prefix"/> (host bits cleared).</summary>
    public static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
