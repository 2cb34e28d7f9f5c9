namespace Zos.Lab.Runtime;

/// <summary>The demo's pings arranged as a matrix (who reached whom over which family) and the failures spelled out.</summary>
public static class LabPingMatrix
{
    /// <summary>The sources in first-seen order (workloads, then the laptop).</summary>
    public static List<string> Sources(IReadOnlyList<LabPing> pings) => [.. pings.Select(p => p.From).Distinct(StringComparer.Ordinal)];

    /// <summary>The destinations in the order of <see cref="Sources"/> (so the matrix's diagonal is empty), then the others first-seen.</summary>
    public static IReadOnlyList<string> Destinations(IReadOnlyList<LabPing> pings)
    {
        var sources = Sources(pings);
        return [.. pings.Select(p => p.To).Distinct(StringComparer.Ordinal)
            .Select((to, seen) => (to, order: sources.IndexOf(to) is var i and >= 0 ? i : sources.Count + seen))
            .OrderBy(d => d.order).Select(d => d.to)];
    }

    /// <summary>"v6 ok v4 ok", "v6 FAIL v4 ok", or "" when <paramref name="from"/> did not ping <paramref name="to"/>; IPv6 first.</summary>
    public static string Cell(IReadOnlyList<LabPing> pings, string from, string to)
    {
        var pair = pings.Where(p => p.From == from && p.To == to).OrderBy(p => p.IsIpv6 ? 0 : 1).ToList();
        return string.Join(' ', pair.Select(p => $"{(p.IsIpv6 ? "v6" : "v4")} {(p.Answered ? "ok" : "FAIL")}"));
    }

    /// <summary>One line per unanswered ping: "a → b over IPv6 (address): detail".</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyList<LabPing> pings) =>
        [.. pings.Where(p => !p.Answered).Select(p => $"{p.From} → {p.To} over {p.Family} ({p.Address}): {(string.IsNullOrWhiteSpace(p.Detail) ? "no answer" : p.Detail)}")];
}
