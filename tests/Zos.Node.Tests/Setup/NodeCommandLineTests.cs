using Xunit;

namespace Zos.Node.Tests.Setup;

/// <summary>zos-node's arguments (the same commands as `zos node run|status`): bad usage says what and exits 2, starting nothing.</summary>
public sealed class NodeCommandLineTests
{
    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "start" }, "start")]
    [InlineData(new[] { "run", "--stat", "/tmp/x" }, "--stat")]
    [InlineData(new[] { "run", "--state" }, "--state")]
    [InlineData(new[] { "status", "--volatile-state" }, "--volatile-state")]
    public async Task Invoke_BadArguments_UsageErrorExit2(string[] args, string named)
    {
        var error = new StringWriter();

        var code = await NodeCommandLine.InvokeAsync(args, error);

        Assert.Equal(NodeCommandLine.ExitUsage, code);
        var text = error.ToString();
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.Contains("usage: zos-node run [--cmdline FILE] [--config FILE] [--state DIR] [--volatile-state]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintStatus_NoStateDirectory_NamesTheOptionTheFileAndTheRunCommand()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = NodeCommandLine.PrintStatus("zos-node", "/nonexistent/zos-state", output, error);

        Assert.Equal(NodeCommandLine.ExitUsage, code);
        Assert.Equal("", output.ToString());
        Assert.Equal("--state /nonexistent/zos-state: no status file /nonexistent/zos-state/status.json (is `zos-node run --state /nonexistent/zos-state` running?)",
            error.ToString().TrimEnd());
    }

    [Fact]
    public void PrintStatus_BrokenStatusFile_SaysWhichFileExit1()
    {
        var dir = Directory.CreateTempSubdirectory("zos-status-").FullName;
        try
        {
            File.WriteAllText(NodeRunOptions.StatusFileIn(dir), "{not json");
            var error = new StringWriter();

            var code = NodeCommandLine.PrintStatus("zos-node", dir, TextWriter.Null, error);

            Assert.Equal(NodeCommandLine.ExitInvalid, code);
            Assert.Contains($"the status file {NodeRunOptions.StatusFileIn(dir)} is not valid", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
