using System.CommandLine;
using System.Runtime.Versioning;
using Zos.Core.Bringup;
using Zos.Node;
using Zos.Node.Linux;

namespace Zos.Cli.Commands;

/// <summary>`zos node run` (the node daemon) and `zos node status` (its status file).</summary>
[SupportedOSPlatform("linux")]
internal sealed class NodeCommands : ICommandGroup
{
    public int Order => 30;

    public void Register(RootCommand root)
    {
        var node = CommandTree.Verb(root, "node", "The node daemon: bring-up, registration, network");

        var cmdline = new Option<string>("--cmdline") { Description = "Kernel command line file", DefaultValueFactory = _ => NodeRunOptions.DefaultCmdline };
        var config = new Option<string?>("--config") { Description = "Config file (JSON or YAML): physicalKinds, connectivityTargets, heartbeatIntervalSeconds, ..." };
        var state = new Option<string>("--state") { Description = "State directory (identity, status)", DefaultValueFactory = _ => NodeRunOptions.DefaultState };
        var run = new Command("run", "Bring the network up (retrying forever), register and heartbeat");
        run.Add(cmdline);
        run.Add(config);
        run.Add(state);
        run.SetAction(async (parseResult, ct) =>
        {
            var options = new NodeRunOptions(parseResult.GetValue(cmdline)!, parseResult.GetValue(config), parseResult.GetValue(state)!);
            var daemon = new NodeDaemon(options, LinuxNodePlatform.Create, Console.Out, TimeProvider.System);
            try
            {
                await daemon.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.WriteLine("stopped");
            }
            return ExitCodes.Ok;
        });
        node.Add(run);

        var statusState = new Option<string>("--state") { Description = "State directory of the daemon", DefaultValueFactory = _ => NodeRunOptions.DefaultState };
        var status = new Command("status", "Print the node's bring-up status and per-NIC table");
        status.Add(statusState);
        status.SetAction(parseResult =>
        {
            var file = new NodeRunOptions(NodeRunOptions.DefaultCmdline, null, parseResult.GetValue(statusState)!).StatusFile;
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"--state: no status file {file} (is `zos node run --state {parseResult.GetValue(statusState)}` running?)");
                return ExitCodes.Usage;
            }
            try
            {
                Console.Write(BringupStatusText.Render(StatusReporter.Read(file)));
                return ExitCodes.Ok;
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Invalid;
            }
        });
        node.Add(status);
    }
}
