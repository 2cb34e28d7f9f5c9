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
    /// <summary>
    /// Reads "192.0.2.1:443", "[2001:db8::1]:443" or "2001:db8::1.443". The last form (the port after a dot, as BSD's
    /// netstat prints IPv6 endpoints) exists because boot servers and boot loaders refuse '[' in kernel arguments.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProbeTarget? target)
    {
        target = null;
        if (string.IsNullOrEmpty(text))
            return false;
        string host, port;
        var ipv6 = text.StartsWith('[') || text.Count(c => c == ':') > 1;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
                return false;
            (host, port) = (text[1..close], text[(close + 2)..]);
        }
        else
        {
            var split = ipv6 ? text.LastIndexOf('.') : text.LastIndexOf(':');
            if (split <= 0)
                return false;
            (host, port) = (text[..split], text[(split + 1)..]);
        }
        if (!IPAddress.TryParse(host, out var address) || (address.AddressFamily == AddressFamily.InterNetworkV6) != ipv6)
            return false;
        if (!ipv6 && host.Count(c => c == '.') != 3)
            return false;
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            return false;
        target = new ProbeTarget(address, number);
        return true;
    }

    /// <summary>The form for a kernel command line: "192.0.2.1:443", or "2001:db8::1.443" (no brackets).</summary>
    public string ToCommandLine() => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"{Address}.{Port}" : $"{Address}:{Port}";

    public override string ToString() => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
