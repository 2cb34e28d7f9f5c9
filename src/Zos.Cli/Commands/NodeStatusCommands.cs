using System.CommandLine;
using Zos.Node;

namespace Zos.Cli.Commands;

/// <summary>
/// `zos node status`: the daemon's own status command (NodeCommandLine, shared with zos-node), its messages in the
/// `zos: error:` style of the other verbs.
/// </summary>
internal static class NodeStatusCommands
{
    public static Command Status()
    {
        var status = NodeCommandLine.Status("zos node");
        var state = status.Options.OfType<Option<string>>().Single(o => o.Name == "--state");
        var json = status.Options.OfType<Option<bool>>().Single(o => o.Name == "--json");
        status.SetAction(parse =>
        {
            using var errors = new StringWriter();
            var exit = NodeCommandLine.PrintStatus("zos node", parse.GetValue(state)!, parse.InvocationConfiguration.Output, errors, parse.GetValue(json));
            foreach (var line in errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                CliMessages.Error(parse.InvocationConfiguration.Error, line);
            return exit;
        });
        return status;
    }
}
