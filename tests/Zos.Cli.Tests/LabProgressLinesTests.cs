using Xunit;
using Zos.Cli.Output;
using Zos.Lab.Runtime;

namespace Zos.Cli.Tests;

/// <summary>`lab up` in a pipe or CI: one line per node that changed, not the table redrawn.</summary>
public class LabProgressLinesTests
{
    private static LabNodeProgress Node(string label, string phase, string? address = null, string? id = null, string? problem = null) =>
        new(label, phase, address, id, phase.StartsWith("registered", StringComparison.Ordinal), problem);

    [Fact]
    public void Changes_FirstRows_OneLinePerNode()
    {
        var lines = LabProgressLines.Changes([], [Node("dc-farm/node1", "starting"), Node("dc-farm/node2", "starting")]);

        Assert.Equal(["dc-farm/node1: starting", "dc-farm/node2: starting"], lines);
    }

    [Fact]
    public void Changes_OneNodeMoves_OnlyItsLine()
    {
        IReadOnlyList<LabNodeProgress> before = [Node("dc-farm/node1", "bring-up"), Node("dc-farm/node2", "bring-up")];
        IReadOnlyList<LabNodeProgress> after = [Node("dc-farm/node1", "bring-up"), Node("dc-farm/node2", "registered (up)", "10.10.0.12/24", "GHjg4PTYQVabcdef")];

        var lines = LabProgressLines.Changes(before, after);

        Assert.Equal(["dc-farm/node2: registered (up), 10.10.0.12/24, node GHjg4PTYQV…"], lines);
    }

    [Fact]
    public void Changes_NothingChanged_NoLine()
    {
        IReadOnlyList<LabNodeProgress> rows = [Node("home-farm/home1", "dhcp", "192.168.1.136/24")];

        Assert.Empty(LabProgressLines.Changes(rows, [.. rows]));
    }

    [Fact]
    public void Changes_ProblemAppears_LineCarriesIt()
    {
        var lines = LabProgressLines.Changes([Node("dc-farm/node3", "bring-up")], [Node("dc-farm/node3", "bring-up", problem: "eth0: no offer")]);

        Assert.Equal(["dc-farm/node3: bring-up, problem: eth0: no offer"], lines);
    }

    [Theory]
    [InlineData(false, null, "Terminal")]
    [InlineData(false, "", "Terminal")]
    [InlineData(false, "false", "Terminal")]
    [InlineData(false, "0", "Terminal")]
    [InlineData(false, "true", "Lines")]
    [InlineData(false, "1", "Lines")]
    [InlineData(true, null, "Lines")]
    public void Choose_PipeOrCi_Lines(bool redirected, string? ci, string expected) =>
        Assert.Equal(Enum.Parse<ConsoleStyle>(expected), ConsoleStyles.Choose(redirected, ci));
}
