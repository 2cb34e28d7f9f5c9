using System.CommandLine;
using Zos.Cli.Commands;
using Zos.Node;

namespace Zos.Cli;

/// <summary>
/// The whole `zos` command tree, declared top to bottom in the order `zos --help` lists it: the root, its verbs, and
/// each verb's commands as the groups in Commands/ build them. A new command is one more line here.
/// </summary>
internal static class CommandTree
{
    public const string Description = "Zos: Zero-OS v2 farm networking (node daemon, registry and Cockpit, boot server, lab)";

    public static RootCommand Build()
    {
        var root = new RootCommand(Description)
        {
            new Command("lab", "A whole farm on this machine, out of network namespaces, every part real (run as root)")
            {
                LabCommands.Up(),
                LabCommands.Status(),
                LabCommands.Down(),
                LabCommands.Ping(),
                LabCommands.Kill(),
                LabCommands.Start(),
            },
            new Command("farm", "Farm files and the farm in the registry")
            {
                FarmCheckCommands.Check(),
                FarmRouterConfigCommands.RouterConfig(),
                FarmCommands.Create(),
                FarmCommands.Show(),
                FarmEnrollmentCommands.Delete(),
                new Command("ip", "Farm public IPs") { FarmCommands.IpAdd() },
                new Command("mac", "The farm's boot MAC list") { FarmCommands.MacAdd() },
                new Command("node", "The farm's nodes: approve, refuse or remove them")
                {
                    FarmEnrollmentCommands.Pending(),
                    FarmEnrollmentCommands.Approve(),
                    FarmEnrollmentCommands.Refuse(),
                    FarmEnrollmentCommands.Remove(),
                },
                new Command("token", "Farm enrollment tokens (zos-farm-token=): nodes join without waiting for approval")
                {
                    FarmEnrollmentCommands.TokenCreate(),
                    FarmEnrollmentCommands.TokenList(),
                    FarmEnrollmentCommands.TokenRevoke(),
                },
                new Command("public-config", "Public config of a node of your farm")
                {
                    FarmCommands.PublicConfigSet(),
                    FarmCommands.PublicConfigUnset(),
                },
                FarmCommands.IcmpEcho(),
            },
            new Command("network", "User networks: names, plans, members")
            {
                NetworkNamesCommands.Names(),
                NetworkCommands.Create(),
                NetworkCommands.Add(),
                NetworkCommands.Remove(),
                NetworkCommands.Show(),
                NetworkCommands.Join(),
                NetworkPlanCommands.Plan(),
            },
            new Command("derive", "Look up values Zero-OS derives (MAC addresses)")
            {
                DeriveCommands.Mac(),
                DeriveCommands.NodeMacs(),
            },
            new Command("node", "The node daemon: bring-up, registration, network")
            {
                // The daemon's own commands, the same as `zos-node run|status`.
                NodeCommandLine.Run(),
                NodeStatusCommands.Status(),
                NodeAttachCommands.Attach(),
                NodeRegistryCommands.List(),
                NodeRegistryCommands.Show(),
            },
            new Command("registry", "The registry (grid source of truth) and the Cockpit")
            {
                RegistryCommands.Serve(),
            },
            new Command("account", "Your registry account (Ed25519 key in ~/.config/zos/account.key)")
            {
                AccountCommands.Create(),
            },
            new Command("image", "The Zos node image: Debian's kernel and an initramfs running zos-node")
            {
                ImageCommands.Build(),
            },
            new Command("boot", "Network boot server and boot media for a farm's nodes")
            {
                BootCommands.Serve(),
                BootCommands.Media(),
            },
            VersionCommands.Version(),
            CompletionCommands.Completion(),
        };
        HelpWithExitCodesAction.Attach(root);
        return root;
    }
}
