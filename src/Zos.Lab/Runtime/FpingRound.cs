namespace Zos.Lab.Runtime;

/// <summary>
/// One round of echo requests to many addresses with a single `fping` process (fping 5: IPv4 and IPv6 targets in one
/// run, one request each, no retry), instead of one `ping` process per address: the 20-node demo sends 800. What
/// fping printed is read back into the addresses that answered and, for the others, the reason fping gave.
/// </summary>
public static class FpingRound
{
    /// <summary>Milliseconds fping waits for each reply.</summary>
    public const int TimeoutMs = 1000;

    /// <summary>
    /// The fping command line: one request per address (-c would print statistics instead), no retry (-r 0), 1 ms
    /// between requests (-i 1, allowed for root), <see cref="TimeoutMs"/> per reply (-t); by default every target gets
    /// an "is alive" or "is unreachable" line.
    /// </summary>
    public static IReadOnlyList<string> Command(IEnumerable<string> addresses) =>
        ["fping", "-r", "0", "-i", "1", "-t", TimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture), .. addresses];

    /// <summary>
    /// Reads fping's output: "ADDRESS is alive" on stdout for an answer; "ADDRESS is unreachable" otherwise, with any
    /// ICMP error about it on stderr ("ICMP Host Unreachable from X for ICMP Echo sent to ADDRESS"). Addresses fping
    /// never mentioned (it failed to start, or a name it could not use) get its stderr, or "no answer".
    /// </summary>
    public static (IReadOnlySet<string> Answered, IReadOnlyDictionary<string, string> Failures) Parse(IReadOnlyCollection<string> addresses, string stdout, string stderr)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines(stdout))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
                continue;
            var rest = line.AsSpan(space);
            if (rest.StartsWith(" is alive", StringComparison.Ordinal))
                answered.Add(line[..space]);
            else if (rest.StartsWith(" is unreachable", StringComparison.Ordinal))
                unreachable.Add(line[..space]);
        }
        var errors = Lines(stderr).ToList();
        // fping's own failure (it did not run, or refused a target) when its errors are not ICMP errors about targets.
        var general = errors.Count > 0 && !errors.Any(e => e.Contains("ICMP", StringComparison.Ordinal)) ? errors[^1] : null;
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var address in addresses.Where(a => !answered.Contains(a)))
        {
            failures[address] = errors.LastOrDefault(e => e.EndsWith(" " + address, StringComparison.Ordinal) || e.StartsWith(address + ":", StringComparison.Ordinal))
                ?? (unreachable.Contains(address) ? null : general)
                ?? "no answer";
        }
        return (answered, failures);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
