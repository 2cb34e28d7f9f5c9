using Xunit;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

public class KillBeforeOperationTests
{
    [Fact]
    public void Constructor_Zero_RefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KillBeforeOperation(0));

        Assert.StartsWith("--test-kill-before-operation must be 1 or more, not 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunOptions_NotAsked_Inert()
    {
        // Nothing but the hidden option sets it: production code paths get no fault.
        var options = new NodeRunOptions("/tmp/cmdline", null, "/tmp/state");

        Assert.Null(options.KillBeforeOperation);
        Assert.Null(options.FaultInjectionProblem);
    }

    [Fact]
    public void RunOptions_AskedOnTheMachinesOwnCommandLine_Refused()
    {
        var options = new NodeRunOptions(NodeRunOptions.DefaultCmdline, null, "/tmp/state") { KillBeforeOperation = 3 };

        Assert.StartsWith("--test-kill-before-operation: only a test node that reads --cmdline from a file takes it", options.FaultInjectionProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void RunOptions_AskedOnATestNode_Honoured()
    {
        var options = new NodeRunOptions("/tmp/cmdline", null, "/tmp/state") { KillBeforeOperation = 3 };

        Assert.Null(options.FaultInjectionProblem);
    }

    [Fact]
    public async Task Run_AskedWithoutCmdlineFile_UsageErrorWithoutStarting()
    {
        using var error = new StringWriter();

        var exit = await NodeCommandLine.InvokeAsync(["run", KillBeforeOperation.Option, "3", "--state", Path.GetTempPath()], error);

        Assert.Equal(NodeCommandLine.ExitUsage, exit);
    }
}
