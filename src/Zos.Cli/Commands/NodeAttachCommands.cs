using System.CommandLine;
using System.Net;
using Zos.Node;
using Zos.Node.Network;

namespace Zos.Cli.Commands;

/// <summary><c>zos node attach --network NAME --ip A.B.C.D --netns NS</c>: plug a namespace into a network resource.</summary>
internal static class NodeAttachCommands
{
    public static Command Attach()
    {
        var network = new Option<string>("--network") { Description = "Network name (or NetID) deployed on this node", Required = true };
        var ip = new Option<string>("--ip") { Description = "The workload's IPv4, inside this node's subnet, not .1", Required = true };
        var netns = new Option<string>("--netns") { Description = "The workload's network namespace", Required = true };
        var ifname = new Option<string>("--ifname") { Description = "Interface name inside the workload", DefaultValueFactory = _ => "eth0" };
        var state = new Option<string>("--state") { Description = "State directory of the daemon", DefaultValueFactory = _ => NodeRunOptions.DefaultState };
        var hostNetns = new Option<string?>("--host-netns") { Description = "The node's host namespace when not this one (tests)", Hidden = true };
        var attach = new Command("attach", "Plug a namespace into a network resource (a veth on bridge b-<netid>, with the workload's addresses and routes)");
        attach.Add(network);
        attach.Add(ip);
        attach.Add(netns);
        attach.Add(ifname);
        attach.Add(state);
        attach.Add(hostNetns);
        attach.SetAction(parseResult =>
        {
            var ipText = parseResult.GetValue(ip)!;
            if (!IPAddress.TryParse(ipText, out var address))
            {
                return CliMessages.Fail(Console.Error, ExitCodes.Usage, $"--ip '{ipText}' is not an IPv4 address");
            }
            try
            {
                var store = new NodeStateStore(Path.Combine(parseResult.GetValue(state)!, NetworkManagerFiles.StateFileName));
                var a = new WorkloadAttacher(store, parseResult.GetValue(hostNetns))
                    .Attach(parseResult.GetValue(network)!, address, parseResult.GetValue(netns)!, parseResult.GetValue(ifname)!);
                Console.WriteLine($"attached {parseResult.GetValue(netns)}: {a.Ipv4} {a.Ipv6} via {a.Gateway4} / {a.Gateway6}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
            {
                return CliMessages.Fail(Console.Error, ExitCodes.Invalid, CliMessages.Reason(e));
            }
        });
        return attach;
    }
}
