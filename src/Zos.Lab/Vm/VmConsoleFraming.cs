using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Zos.Lab.Vm;

/// <summary>
/// Framing of one command on a VM's serial shell (pure). The line sent prints a begin marker, runs the command
/// with stderr on stdout, then prints an end marker with the exit status. The tty echoes the line as typed, so the
/// markers are written split by an empty quoted string (<c>ZQ""B-…</c>): the echo never contains the marker itself,
/// only the shell's output does. A nonce per command keeps a late answer to an earlier command from being taken
/// for this one's. Serial output carries CR LF and may carry ANSI sequences; both are removed before matching.
/// </summary>
public static partial class VmConsoleFraming
{
    private const string Begin = "ZQB-";
    private const string End = "ZQE-";

    /// <summary>The line to send (with its newline) for <paramref name="command"/>, a shell command on one line.</summary>
    public static string Line(string command, string nonce)
    {
        if (command.Contains('\n', StringComparison.Ordinal) || command.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException($"command: '{command}' spans lines; the console takes one line", nameof(command));
        if (nonce.Length == 0 || !nonce.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"nonce: '{nonce}' must be letters and digits", nameof(nonce));
        var trimmed = command.Trim().TrimEnd(';');
        if (trimmed.Length == 0 || trimmed.EndsWith('&'))
            throw new ArgumentException($"command: '{command}' is empty or ends with '&'", nameof(command));
        return $"echo ZQ\"\"B-{nonce}; {{ {trimmed}; }} 2>&1; echo ZQ\"\"E-{nonce} $?\n";
    }

    /// <summary>The result once both markers of <paramref name="nonce"/> arrived in <paramref name="received"/>, else null.</summary>
    public static VmConsoleResult? TryParse(string received, string nonce)
    {
        var lines = Clean(received).Split('\n');
        var begin = Array.FindIndex(lines, l => l.TrimEnd() == Begin + nonce);
        if (begin < 0)
            return null;
        for (var i = begin + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (!line.StartsWith(End + nonce + " ", StringComparison.Ordinal))
                continue;
            // The end line is complete only once its newline arrived (the status could still be growing).
            if (i == lines.Length - 1)
                return null;
            if (!int.TryParse(line[(End.Length + nonce.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                return null;
            var output = string.Join('\n', lines[(begin + 1)..i].Where(l => !IsEcho(l)));
            return new VmConsoleResult(status, output);
        }
        return null;
    }

    /// <summary>A new nonce (hex).</summary>
    public static string NewNonce() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));

    /// <summary>Serial text without CR, ANSI escape sequences and backspaces.</summary>
    public static string Clean(string text)
    {
        var noAnsi = Ansi().Replace(text, "");
        var sb = new StringBuilder(noAnsi.Length);
        foreach (var c in noAnsi)
        {
            if (c == '\b')
            {
                if (sb.Length > 0)
                    sb.Length--;
            }
            else if (c != '\r')
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // The sent line as the tty echoes it, should it come after the begin marker.
    private static bool IsEcho(string line) => line.Contains("ZQ\"\"E-", StringComparison.Ordinal);

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")]
    private static partial Regex Ansi();
}
