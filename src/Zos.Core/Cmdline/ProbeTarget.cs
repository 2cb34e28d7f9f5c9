using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Cmdline;

/// <summary>
/// An Internet address and TCP port the bring-up connects to in order to prove a route out (zos-probe=). Addresses
/// only, no names: resolving a name needs a working resolver, which is one more thing that can fail besides the route.
/// </summary>
public sealed record ProbeTarget(IPAddress Address, int Port)
{
    /// <summary>Reads "192.0.2.1:443" or "[2001:db8::1]:443".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProbeTarget? target)
    {
        target = null;
        if (string.IsNullOrEmpty(text))
            return false;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return false;
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }
        if (!IPAddress.TryParse(host, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') != 3))
            return false;
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return false;
        target = new ProbeTarget(address, port);
        return true;
    }

    public override string ToString() => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
