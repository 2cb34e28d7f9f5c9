using System.CommandLine;
using Zos.Core.Bringup;
using Zos.Node.Linux;

namespace Zos.Node;

/// <summary>
/// The daemon's two commands, <c>run</c> and <c>status</c>, defined once: <c>zos node run|status</c> (the CLI) and
/// <c>zos-node run|status</c> (the node image's program, src/Zos.NodeHost) both add these, so options, output and
/// exit codes cannot drift apart.
/// </summary>
public static class NodeCommandLine
{
    public const int ExitOk = 0;

    /// <summary>The status file exists but cannot be read as one.</summary>
    public const int ExitInvalid = 1;

    /// <summary>Bad usage, or no status file where --state points: the message names the option and the value.</summary>
    public const int ExitUsage = 2;

    /// <summary>The program the node image runs.</summary>
    public const string HostProgram = "zos-node";

    /// <summary>
    /// How long SIGTERM or Ctrl-C waits for <c>run</c> to stop its helpers (udhcpc, probes moving NICs back) before the
    /// process exits anyway; System.CommandLine's default of 2 s can cut a probe round's cleanup short.
    /// </summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>zos-node</c>: parses <paramref name="args"/> and runs <c>run</c> or <c>status</c>. A bad argument is
    /// reported on <paramref name="error"/> with the usage line and gives <see cref="ExitUsage"/>, without starting anything.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter error)
    {
        var root = new RootCommand($"{HostProgram}: the Zos node daemon (bring-up, registration, network manager), as the node image runs it");
        root.Add(Run());
        root.Add(Status(HostProgram));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                error.WriteLine($"{HostProgram}: {e.Message}");
            error.WriteLine($"usage: {HostProgram} run [--cmdline FILE] [--config FILE] [--state DIR] [--volatile-state]");
            error.WriteLine($"       {HostProgram} status [--state DIR]");
            return ExitUsage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopTimeout });
    }

    /// <summary><c>run</c>: brings the network up (retrying forever), registers and heartbeats until SIGTERM or Ctrl-C.</summary>
    public static Command Run()
    {
        var cmdline = new Option<string>("--cmdline") { Description = "Kernel command line file", DefaultValueFactory = _ => NodeRunOptions.DefaultCmdline };
        var config = new Option<string?>("--config") { Description = "Config file (JSON or YAML): physicalKinds, connectivityTargets, heartbeatIntervalSeconds, ..." };
        var state = new Option<string>("--state") { Description = "State directory (identity, status)", DefaultValueFactory = _ => NodeRunOptions.DefaultState };
        var volatileState = new Option<bool>("--volatile-state")
        {
            Description = "The state directory is in memory (no ZOS-STATE disk): say so, and register with identityVolatile",
        };
        // Crash-convergence tests only: not in the help, and refused on a node that runs the machine it is on.
        var killBeforeOperation = new Option<int?>(Network.KillBeforeOperation.Option)
        {
            Description = "Test nodes only: SIGKILL the daemon just before its Nth kernel operation",
            Hidden = true,
        };
        var run = new Command("run", "Bring the network up (retrying forever), register and heartbeat");
        run.Add(cmdline);
        run.Add(config);
        run.Add(state);
        run.Add(volatileState);
        run.Add(killBeforeOperation);
        run.SetAction(async (parseResult, ct) =>
        {
            var options = new NodeRunOptions(parseResult.GetValue(cmdline)!, parseResult.GetValue(config), parseResult.GetValue(state)!,
                parseResult.GetValue(volatileState))
            {
                KillBeforeOperation = parseResult.GetValue(killBeforeOperation),
            };
            if (options.FaultInjectionProblem is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return ExitUsage;
            }
            var daemon = new NodeDaemon(options, LinuxNodePlatform.Create, Console.Out, TimeProvider.System);
            try
            {
                await daemon.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.WriteLine("stopped");
            }
            return ExitOk;
        });
        return run;
    }

    /// <summary><c>status</c>: prints the status file a running (or dead) daemon keeps in its state directory.</summary>
    public static Command Status(string program)
    {
        var state = new Option<string>("--state") { Description = "State directory of the daemon", DefaultValueFactory = _ => NodeRunOptions.DefaultState };
        var json = new Option<bool>("--json") { Description = "Print the status document (camelCase JSON) instead of the table" };
        var status = new Command("status", "Print the node's bring-up status and per-NIC table");
        status.Add(state);
        status.Add(json);
        status.SetAction(parseResult => PrintStatus(program, parseResult.GetValue(state)!, Console.Out, Console.Error, parseResult.GetValue(json)));
        return status;
    }

    /// <summary>The work of <c>status</c>, with its writers passed in (tests); <paramref name="json"/> prints the status document.</summary>
    public static int PrintStatus(string program, string stateDirectory, TextWriter output, TextWriter error, bool json = false)
    {
        var file = NodeRunOptions.StatusFileIn(stateDirectory);
        if (!File.Exists(file))
        {
            error.WriteLine($"--state {stateDirectory}: no status file {file} (is `{program} run --state {stateDirectory}` running?)");
            return ExitUsage;
        }
        try
        {
            var read = StatusReporter.Read(file);
            output.Write(json ? BringupStatusJson.Serialize(read) + "\n" : BringupStatusText.Render(read));
            return ExitOk;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"--state {stateDirectory}: cannot read {file}: {e.Message}");
            return ExitUsage;
        }
    }
}
