using System.Globalization;
using System.CommandLine;
using Spectre.Console;
using Zos.Cli.Output;
using Zos.Lab.Runtime;
using Zos.Lab.Scenarios;

namespace Zos.Cli.Commands;

/// <summary>`zos lab up|status|down|ping|kill|start`: a whole farm on this host out of network namespaces (Zos.Lab).</summary>
internal static class LabCommands
{
    public static Command Up()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = $"Built-in scenario ({string.Join(", ", ScenarioCatalog.BuiltIn)}) or a farm file",
            DefaultValueFactory = _ => ScenarioCatalog.Default,
        };
        var nodes = new Option<int?>("--nodes") { Description = "Resize the first farm to this many nodes (cloned from its first node)" };
        var port = new Option<int>("--port") { Description = "Registry/Cockpit port on 127.0.0.1", DefaultValueFactory = _ => 8480 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every node to register", DefaultValueFactory = _ => 180 };
        var bootDelay = new Option<int>("--boot-delay")
        {
            Description = "Start the boot servers this many seconds after the node daemons (nodes retry DHCP until they answer)",
            DefaultValueFactory = _ => 0,
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Then create a user network across all nodes, attach a workload on each, ping between them (IPv6 first) and from a wg-quick laptop",
        };
        var vm = new Option<bool>("--vm")
        {
            Description = "Every node a qemu VM that PXE-boots the node image from the farm's boot server (else only nodes with kind: vm)",
        };
        var image = new Option<string>("--image")
        {
            Description = "Node image directory the VMs boot (built with `zos image build -o DIR` when it has none)",
            DefaultValueFactory = _ => LabUpOptions.DefaultImageDirectory,
        };
        var up = new Command("up", "Build the farm and start registry, boot server and node daemons; shows each node's phase until all are registered")
        {
            scenario, nodes, port, timeout, bootDelay, demo, vm, image,
        };
        up.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(bootDelay) is < 0 or > 600)
                return CliMessages.Fail(Console.Error, ExitCodes.Usage, $"--boot-delay: {parse.GetValue(bootDelay)} is out of range (0 to 600 seconds)");
            var (resolved, problems) = ScenarioCatalog.Resolve(parse.GetValue(scenario)!, ZosHome.Examples, parse.GetValue(nodes));
            if (resolved is null)
            {
                foreach (var p in problems)
                    CliMessages.Error(Console.Error, p);
                CliMessages.Note(Console.Error, "nothing was created");
                // Options out of range are usage; a farm file with errors is invalid input.
                return problems.All(p => p.StartsWith("--", StringComparison.Ordinal)) ? ExitCodes.Usage : ExitCodes.Invalid;
            }
            if (parse.GetValue(vm))
                resolved = resolved.AllVms();
            var observer = new LabConsoleObserver(ConsoleStyles.Current);
            try
            {
                var result = await new LabRunner(LabPaths.Default, ZosHome.Self, observer).UpAsync(resolved,
                    new LabUpOptions
                    {
                        RegistryPort = parse.GetValue(port),
                        Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                        BootDelay = TimeSpan.FromSeconds(parse.GetValue(bootDelay)),
                        Demo = parse.GetValue(demo),
                        ImageDirectory = Path.GetFullPath(parse.GetValue(image)!),
                    }, ct);
                observer.Nodes(result.Nodes);
                var listed = result.Nodes.Where(n => n.Listed).ToList();
                AnsiConsole.MarkupLine($"[bold]{listed.Count(n => n.Registered)}/{listed.Count} nodes registered[/] in {result.Elapsed.TotalSeconds:F1} s. Cockpit: [link]{result.CockpitUrl}[/]");
                foreach (var unlisted in result.Nodes.Where(n => !n.Listed))
                    Console.WriteLine($"{unlisted.Label}: not on the farm's MAC list (not expected to register): {unlisted.Phase}");
                PrintConsoleTails(result.Nodes);
                if (result.Demo is { } d)
                {
                    PrintDemo(d, $" after {result.DemoElapsed?.TotalSeconds:F1} s");
                    if (d.LaptopConfig is { } conf)
                        AnsiConsole.MarkupLine($"Laptop: wg-quick file {Markup.Escape(conf)} (up in namespace {LabDemo.LaptopNamespace})");
                }
                AnsiConsole.MarkupLine("Logs and state: " + Markup.Escape(LabPaths.Default.Root) + ". Remove everything with [bold]./zos lab down[/].");
                return result.AllRegistered && result.Demo is not { AllAnswered: false } ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CliMessages.Error(Console.Error, e.Message);
                CliMessages.Note(Console.Error, "what was created is recorded; `./zos lab down` removes it");
                return ExitCodes.Failed;
            }
        });
        return up;
    }

    public static Command Status()
    {
        var json = CliJson.Option("Print the lab, its nodes and the demo's network as JSON on stdout");
        var status = new Command("status", "Show the running lab: each node's phase, address and registry status") { json };
        status.SetAction(async (parse, ct) =>
        {
            // With --json stdout carries the document alone: what the lab says on the way goes to stderr.
            var observer = parse.GetValue(json) ? new LabConsoleObserver(ConsoleStyle.Lines, Console.Error) : new LabConsoleObserver(ConsoleStyles.Current);
            var result = await new LabRunner(LabPaths.Default, ZosHome.Self, observer).StatusAsync(ct);
            if (result is not { } s)
                return CliMessages.Fail(Console.Error, ExitCodes.NotFound, $"no lab is running (no state in {LabPaths.Default.Root}); start one with ./zos lab up");
            if (parse.GetValue(json))
            {
                CliJson.Write(Console.Out, new LabStatusJson(s.State.Scenario, s.State.StartedAt, s.State.RegistryUrl, s.State.CockpitUrl, s.State.FarmIds, s.Nodes, s.State.Demo));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"scenario {s.State.Scenario}, started {s.State.StartedAt:u}, Cockpit {s.State.CockpitUrl}");
            observer.Nodes(s.Nodes);
            foreach (var node in s.Nodes.Where(n => n.Network is not null))
                Console.WriteLine($"{node.Label} network: {node.Network}");
            PrintConsoleTails(s.Nodes);
            if (s.State.Demo is { } demo)
            {
                Console.WriteLine($"demo: network {LabDemo.NetworkName} ({demo.NetId}), workloads {string.Join(", ", demo.Workloads.Select(w => $"{w.Label} {w.Ipv4} {w.Ipv6}"))}");
                if (demo.AccessLine is { } line)
                    Console.WriteLine(line);
                Console.WriteLine("demo: `./zos lab ping` runs the ping matrix again");
            }
            return ExitCodes.Ok;
        });
        return status;
    }

    public static Command Down()
    {
        var down = new Command("down", "Remove everything the lab made (namespaces, links, processes, files), and nothing else");
        down.SetAction(async (parse, ct) =>
        {
            var removed = await new LabRunner(LabPaths.Default, ZosHome.Self, new LabConsoleObserver(ConsoleStyles.Current)).DownAsync(ct);
            Console.WriteLine(removed.Count == 0 ? "nothing to remove" : $"removed {removed.Count} things: {string.Join(", ", removed)}");
            return ExitCodes.Ok;
        });
        return down;
    }

    public static Command Ping()
    {
        var pingTimeout = new Option<int>("--timeout") { Description = "Seconds to wait for the mesh to answer", DefaultValueFactory = _ => 60 };
        var ping = new Command("ping", "Run the demo's ping matrix again (workloads to each other over IPv6 and IPv4, the laptop to every workload)") { pingTimeout };
        ping.SetAction(async (parse, ct) =>
        {
            if (NoLab() is { } none)
                return none;
            try
            {
                var result = await new LabRunner(LabPaths.Default, ZosHome.Self, new LabConsoleObserver(ConsoleStyles.Current)).PingAsync(TimeSpan.FromSeconds(parse.GetValue(pingTimeout)), ct);
                PrintDemo(result, "");
                return result.AllAnswered ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (InvalidOperationException e)
            {
                return CliMessages.Fail(Console.Error, ExitCodes.Failed, e.Message);
            }
        });
        return ping;
    }

    public static Command Kill()
    {
        var killName = new Argument<string>("node") { Description = "Node label (farm/node), node name or namespace" };
        var kill = new Command("kill", "Kill a node daemon with SIGKILL, as a crash would (its namespace and state stay); a VM loses power (qemu SIGKILL)") { killName };
        kill.SetAction(async (parse, ct) => await OnNodeAsync(parse.GetValue(killName)!, "kill", async (runner, name) =>
        {
            var node = await runner.KillNodeAsync(name, ct);
            Console.WriteLine(node.Vm is null
                ? $"killed the daemon of {node.Label} (PID {node.Pid}); the registry marks it down after three missed heartbeats"
                : $"powered off VM {node.Label} (qemu PID {node.Pid} killed); its state disk stays");
        }));
        return kill;
    }

    public static Command Start()
    {
        var startName = new Argument<string>("node") { Description = "Node label (farm/node), node name or namespace" };
        var start = new Command("start", "Start a killed node daemon again, with its command line and state directory; power a VM on again with its state disk") { startName };
        start.SetAction(async (parse, ct) => await OnNodeAsync(parse.GetValue(startName)!, "start", async (runner, name) =>
        {
            var node = await runner.StartNodeAsync(name, ct);
            Console.WriteLine(node.Vm is null
                ? $"started the daemon of {node.Label} again (PID {node.Pid})"
                : $"powered on VM {node.Label} again (qemu PID {node.Pid}); console {node.LogFile}");
        }));
        return start;
    }

    /// <summary>The last lines of the serial console of every VM node that is not registered (booting, stuck or powered off).</summary>
    private static void PrintConsoleTails(IReadOnlyList<LabNodeProgress> nodes)
    {
        foreach (var node in nodes.Where(n => n.ConsoleLog is not null && !n.Registered))
        {
            Console.WriteLine($"{node.Label} ({node.Phase}): console {node.ConsoleLog}, last lines:");
            foreach (var line in Zos.Lab.Vm.LabVms.ConsoleTail(node.ConsoleLog!, 15))
                Console.WriteLine("  | " + line);
        }
    }

    /// <summary>The summary line, the ping matrix (rows: from, columns: to, IPv6 then IPv4) and every failure spelled out.</summary>
    private static void PrintDemo(LabDemoResult d, string elapsed)
    {
        AnsiConsole.MarkupLine($"[bold]demo: IPv4 {d.Ipv4.Count(p => p.Answered)}/{d.Ipv4.Count} pings answered[/], IPv6 {d.Ipv6.Count(p => p.Answered)}/{d.Ipv6.Count}, " +
            $"on network {LabDemo.NetworkName} ({Markup.Escape(d.NetId)}){elapsed}");
        // Plain text, never wrapped: scripts and tests read this line.
        if (d.State?.AccessLine is { } line)
            Console.WriteLine(line);
        if (d.Pings.Count > 0)
        {
            // Node names without their farm keep the matrix within a terminal's width.
            static string Short(string label) => label[(label.LastIndexOf('/') + 1)..];
            var destinations = LabPingMatrix.Destinations(d.Pings);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("from ↓  to →");
            foreach (var to in destinations)
                table.AddColumn(Markup.Escape(Short(to)));
            foreach (var from in LabPingMatrix.Sources(d.Pings))
            {
                table.AddRow([Markup.Escape(Short(from)), .. destinations.Select(to => LabPingMatrix.Cell(d.Pings, from, to) is { Length: > 0 } cell
                    ? cell.Contains("FAIL", StringComparison.Ordinal) ? $"[red]{cell}[/]" : $"[green]{cell}[/]"
                    : "-")]);
            }
            AnsiConsole.Write(table);
        }
        foreach (var failure in LabPingMatrix.Failures(d.Pings))
            AnsiConsole.MarkupLine("[red]demo: no answer:[/] " + Markup.Escape(failure));
        foreach (var p in d.Problems)
            AnsiConsole.MarkupLine("[red]demo:[/] " + Markup.Escape(p));
    }

    /// <summary>Not-found with the way out when no lab runs here: the commands on a running lab have nothing to work on.</summary>
    private static int? NoLab() => File.Exists(LabPaths.Default.StateFile)
        ? null
        : CliMessages.Fail(Console.Error, ExitCodes.NotFound, $"no lab is running (no {LabPaths.Default.StateFile}); start one with ./zos lab up");

    private static async Task<int> OnNodeAsync(string name, string verb, Func<LabRunner, string, Task> action)
    {
        if (NoLab() is { } none)
            return none;
        try
        {
            await action(new LabRunner(LabPaths.Default, ZosHome.Self, new LabConsoleObserver(ConsoleStyles.Current)), name);
            return ExitCodes.Ok;
        }
        catch (ArgumentException e)
        {
            return CliMessages.Fail(Console.Error, ExitCodes.Usage, $"lab {verb}: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return CliMessages.Fail(Console.Error, ExitCodes.Failed, $"lab {verb}: {e.Message}");
        }
    }
}
