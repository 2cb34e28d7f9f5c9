using System.Globalization;
using Spectre.Console;
using Zos.Cli.Output;
using Zos.Lab.Runtime;

namespace Zos.Cli.Commands;

/// <summary>
/// Prints the lab's steps as they happen and its nodes as they change: at a terminal the node table redrawn; in a
/// pipe, a log or CI (<see cref="ConsoleStyle.Lines"/>) one plain line per node that changed, never wrapped.
/// </summary>
internal sealed class LabConsoleObserver : ILabObserver
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConsoleStyle _style;
    private readonly TextWriter _lines;
    private IReadOnlyList<LabNodeProgress> _last = [];

    /// <param name="style">Tables at a terminal, or lines.</param>
    /// <param name="lines">Where lines go (default stdout; stderr when stdout carries JSON).</param>
    public LabConsoleObserver(ConsoleStyle style, TextWriter? lines = null)
    {
        _style = style;
        _lines = lines ?? Console.Out;
        // Spectre wraps at 80 columns when it cannot ask a terminal; a log line stays whole.
        if (style == ConsoleStyle.Lines)
            AnsiConsole.Profile.Width = 400;
    }

    private string Elapsed => _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(5);

    // Each step with the seconds since the command started: where a slow `lab up` spends its time shows.
    public void Step(string message)
    {
        if (_style == ConsoleStyle.Lines)
            _lines.WriteLine($"{Elapsed} s • {message}");
        else
            AnsiConsole.MarkupLine($"[grey]{Elapsed} s •[/] " + Markup.Escape(message));
    }

    public void Nodes(IReadOnlyList<LabNodeProgress> rows)
    {
        var changes = LabProgressLines.Changes(_last, rows);
        _last = rows;
        if (changes.Count == 0)
            return;
        if (_style == ConsoleStyle.Lines)
        {
            foreach (var line in changes)
                _lines.WriteLine($"{Elapsed} s • {line}");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("node", "phase", "zos address", "node id", "problem");
        foreach (var r in rows)
        {
            var phase = r.Registered ? $"[green]{Markup.Escape(r.Phase)}[/]" : Markup.Escape(r.Phase);
            table.AddRow(Markup.Escape(r.Label), phase, Markup.Escape(r.Address ?? "-"), Markup.Escape(r.NodeId is { } id ? id[..Math.Min(10, id.Length)] + "…" : "-"),
                Markup.Escape(r.Problem ?? ""));
        }
        AnsiConsole.Write(table);
    }
}
