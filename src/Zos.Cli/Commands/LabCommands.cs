using System.CommandLine;
using Spectre.Console;
using Zos.Lab.Runtime;
using Zos.Lab.Scenarios;

namespace Zos.Cli.Commands;

/// <summary>`zos lab up|status|down`: a whole farm on this host out of network namespaces (Zos.Lab).</summary>
internal sealed class LabCommands : ICommandGroup
{
    public int Order => 5;

    public void Register(RootCommand root)
    {
        var lab = CommandTree.Verb(root, "lab", "A whole farm on this machine, out of network namespaces, every part real (run as root)");

        var scenario = new Option<string>("--scenario")
        {
            Description = $"Built-in scenario ({string.Join(", ", ScenarioCatalog.BuiltIn)}) or a farm file",
            DefaultValueFactory = _ => ScenarioCatalog.Default,
        };
        var nodes = new Option<int?>("--nodes") { Description = "Resize the first farm to this many nodes (cloned from its first node)" };
        var port = new Option<int>("--port") { Description = "Registry/Cockpit port on 127.0.0.1", DefaultValueFactory = _ => 8480 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every node to register", DefaultValueFactory = _ => 180 };
        var up = new Command("up", "Build the farm and start registry, boot server and node daemons; shows each node's phase until all are registered")
        {
            scenario, nodes, port, timeout,
        };
        up.SetAction(async (parse, ct) =>
        {
            var (resolved, problems) = ScenarioCatalog.Resolve(parse.GetValue(scenario)!, ZosHome.Examples, parse.GetValue(nodes));
            if (resolved is null)
            {
                foreach (var p in problems)
                    Console.Error.WriteLine($"zos lab up: {p}");
                Console.Error.WriteLine("zos lab up: nothing was created");
                return ExitCodes.Invalid;
            }
            var observer = new ConsoleLabObserver();
            try
            {
                var result = await new LabRunner(LabPaths.Default, ZosHome.Self, observer).UpAsync(resolved,
                    new LabUpOptions { RegistryPort = parse.GetValue(port), Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) }, ct);
                observer.Nodes(result.Nodes);
                var registered = result.Nodes.Count(n => n.Registered);
                AnsiConsole.MarkupLine($"[bold]{registered}/{result.Nodes.Count} nodes registered[/] in {result.Elapsed.TotalSeconds:F1} s. Cockpit: [link]{result.CockpitUrl}[/]");
                AnsiConsole.MarkupLine("Logs and state: " + Markup.Escape(LabPaths.Default.Root) + ". Remove everything with [bold]./zos lab down[/].");
                return result.AllRegistered ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"zos lab up: {e.Message}");
                Console.Error.WriteLine("zos lab up: what was created is recorded; `./zos lab down` removes it");
                return ExitCodes.Failed;
            }
        });
        lab.Add(up);

        var status = new Command("status", "Show the running lab: each node's phase, address and registry status");
        status.SetAction(async (parse, ct) =>
        {
            var observer = new ConsoleLabObserver();
            var result = await new LabRunner(LabPaths.Default, ZosHome.Self, observer).StatusAsync(ct);
            if (result is not { } s)
            {
                Console.WriteLine("no lab is running (start one with ./zos lab up)");
                return ExitCodes.Ok;
            }
            Console.WriteLine($"scenario {s.State.Scenario}, started {s.State.StartedAt:u}, Cockpit {s.State.CockpitUrl}");
            observer.Nodes(s.Nodes);
            return ExitCodes.Ok;
        });
        lab.Add(status);

        var down = new Command("down", "Remove everything the lab made (namespaces, links, processes, files), and nothing else");
        down.SetAction(async (parse, ct) =>
        {
            var removed = await new LabRunner(LabPaths.Default, ZosHome.Self, new ConsoleLabObserver()).DownAsync(ct);
            Console.WriteLine(removed.Count == 0 ? "nothing to remove" : $"removed {removed.Count} things: {string.Join(", ", removed)}");
            return ExitCodes.Ok;
        });
        lab.Add(down);
    }

    /// <summary>Prints steps as they happen and the node table whenever it changes.</summary>
    private sealed class ConsoleLabObserver : ILabObserver
    {
        private string _last = "";

        public void Step(string message) => AnsiConsole.MarkupLine("[grey]•[/] " + Markup.Escape(message));

        public void Nodes(IReadOnlyList<LabNodeProgress> rows)
        {
            var key = string.Join('|', rows.Select(r => $"{r.Label}{r.Phase}{r.Address}{r.Problem}"));
            if (key == _last)
                return;
            _last = key;
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
}
