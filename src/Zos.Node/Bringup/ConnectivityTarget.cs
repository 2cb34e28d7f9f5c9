using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Zos.Node.Bringup;

/// <summary>A host:port the connectivity check connects to; the host may be a name or an address ([v6] in brackets).</summary>
public sealed record ConnectivityTarget(string Host, int Port)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out ConnectivityTarget? target)
    {
        target = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':', StringComparison.Ordinal))
            return false;
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return false;
        target = new ConnectivityTarget(host, port);
        return true;
    }

    /// <summary>The registry's host and port (default 80/443 by scheme).</summary>
    public static ConnectivityTarget FromUri(Uri uri) => new(uri.IdnHost, uri.Port);

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
