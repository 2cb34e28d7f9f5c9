using Zos.Lab.Runtime;

namespace Zos.Cli.Output;

/// <summary>
/// The node table of `lab up` as lines, for a log or a pipe: one line per node whose phase, address or problem changed
/// since the rows before, instead of the whole table redrawn (which a file keeps every copy of).
/// </summary>
internal static class LabProgressLines
{
    /// <summary>The lines for what changed from <paramref name="previous"/> (empty at the start) to <paramref name="current"/>, in table order.</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyList<LabNodeProgress> previous, IReadOnlyList<LabNodeProgress> current)
    {
        var before = previous.ToDictionary(r => r.Label, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var row in current)
        {
            if (before.TryGetValue(row.Label, out var old) && old.Phase == row.Phase && old.Address == row.Address && old.Problem == row.Problem)
                continue;
            lines.Add(Line(row));
        }
        return lines;
    }

    /// <summary>"dc-farm/node1: registered (up), 10.10.0.11/24, node 9aza1QkVY7…" and the problem when there is one.</summary>
    public static string Line(LabNodeProgress row)
    {
        var parts = new List<string> { row.Phase };
        if (row.Address is { } address)
            parts.Add(address);
        if (row.NodeId is { } id)
            parts.Add("node " + (id.Length > 10 ? id[..10] + "…" : id));
        if (row.Problem is { Length: > 0 } problem)
            parts.Add("problem: " + problem);
        return $"{row.Label}: {string.Join(", ", parts)}";
    }
}
