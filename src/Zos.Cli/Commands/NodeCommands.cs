using System.CommandLine;
using System.Runtime.Versioning;
using Zos.Node;

namespace Zos.Cli.Commands;

/// <summary>`zos node run` (the node daemon) and `zos node status` (its status file): the same commands as `zos-node`.</summary>
[SupportedOSPlatform("linux")]
internal sealed class NodeCommands : ICommandGroup
{
    public int Order => 30;

    public void Register(RootCommand root)
    {
        var node = CommandTree.Verb(root, "node", "The node daemon: bring-up, registration, network");
        node.Add(NodeCommandLine.Run());
        node.Add(NodeCommandLine.Status("zos node"));
    }
}
