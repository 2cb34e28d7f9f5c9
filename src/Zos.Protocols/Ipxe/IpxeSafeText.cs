namespace Zos.Protocols.Ipxe;

/// <summary>
/// What may be written into an iPXE script line without changing its meaning. iPXE expands <c>${...}</c>, splits on
/// whitespace, treats <c>||</c> and <c>&amp;&amp;</c> as operators, <c>#</c> at a line start as a comment and a newline as the next
/// command (ipxe.org/scripting). Kernel arguments and URLs come from farm data, so anything that could smuggle a
/// second command or a settings expansion into the script is refused, not escaped.
/// </summary>
public static class IpxeSafeText
{
    private const string ArgumentExtra = "-_.:=,/+@%~";
    private const string UrlExtra = "-._~:/?@!*+,;=%&[]";

    /// <summary>Why <paramref name="argument"/> cannot be a kernel argument, or null when it can.</summary>
    public static string? ArgumentProblem(string argument)
    {
        if (argument.Length == 0)
            return "an empty kernel argument";
        foreach (var c in argument)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !ArgumentExtra.Contains(c, StringComparison.Ordinal))
                return $"kernel argument '{Printable(argument)}' contains {Describe(c)} (allowed: letters, digits and {ArgumentExtra})";
        }
        return null;
    }

    /// <summary>Why <paramref name="url"/> cannot be fetched by a script, or null when it can.</summary>
    public static string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"'{Printable(url)}' is not an absolute http:// or https:// URL";
        foreach (var c in url)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !UrlExtra.Contains(c, StringComparison.Ordinal))
                return $"URL '{Printable(url)}' contains {Describe(c)}";
        }
        if (url.Contains("&&", StringComparison.Ordinal))
            return $"URL '{Printable(url)}' contains '&&' (an iPXE operator)";
        return null;
    }

    /// <summary>Text for an <c>echo</c> line: printable ASCII without settings expansion or operators.</summary>
    public static string Echo(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' and not '$' and not '|' and not '&' and not '\\' ? c : '_').ToArray();
        return new string(chars);
    }

    private static string Describe(char c) => c switch
    {
        '\n' => "a newline",
        '\r' => "a carriage return",
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
