using Xunit;

namespace Zos.Cli.Tests;

/// <summary>`zos --help` and the verbs that gather commands of several groups list them in the order they always had.</summary>
public class CommandTreeTests
{
    [Fact]
    public void RootHelp_ListsVerbsInTheirOrder()
    {
        var r = InProcessCli.Run("--help");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Equal(["lab", "farm", "network", "derive", "node", "registry", "account", "image", "boot", "version", "completion"], Commands(r.Out));
    }

    [Fact]
    public void RootHelp_DescribesZos() =>
        Assert.Contains("Zos: Zero-OS v2 farm networking (node daemon, registry and Cockpit, boot server, lab)", InProcessCli.Run("--help").Out, StringComparison.Ordinal);

    [Theory]
    [InlineData("lab", "up status down ping kill start")]
    [InlineData("farm", "check router-config create show delete ip mac node token public-config icmp-echo")]
    [InlineData("network", "names create add remove show join plan")]
    [InlineData("derive", "mac node-macs")]
    [InlineData("node", "run status attach list show")]
    [InlineData("boot", "serve media")]
    public void VerbHelp_ListsCommandsInTheirOrder(string verb, string commands)
    {
        var r = InProcessCli.Run(verb, "--help");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Equal(commands.Split(' '), Commands(r.Out));
    }

    /// <summary>The first word of each line of the help's "Commands:" section.</summary>
    private static List<string> Commands(string help) =>
    [
        .. help.Split('\n')
            .SkipWhile(line => line != "Commands:")
            .Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.TrimStart().Split(' ')[0]),
    ];
}
