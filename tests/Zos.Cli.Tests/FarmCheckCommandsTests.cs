using Xunit;

namespace Zos.Cli.Tests;

public class FarmCheckCommandsTests
{
    [Theory]
    [InlineData("dc-farm", "farm 'dc-farm': 0 errors, 2 warnings")]
    [InlineData("home-farm", "farm 'home-farm': 0 errors, 1 warning")]
    [InlineData("vlan-farm", "farm 'vlan-farm': 0 errors, 2 warnings")]
    [InlineData("flat-farm", "farm 'flat-farm': 0 errors, 2 warnings")]
    public void FarmCheck_GoodExample_ExitZero(string name, string summary)
    {
        var path = InProcessCli.Example(name);
        var r = InProcessCli.Run("farm", "check", path);
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.EndsWith($"{path}: {summary}\n", r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void FarmCheck_DocumentationRanges_WarnNotRoutable()
    {
        var r = InProcessCli.Run("farm", "check", InProcessCli.Example("dc-farm"));
        Assert.StartsWith("warning: public.ipv4[0].subnet (line 52): 203.0.113.0/24 is a documentation address (RFC 5737), not routable on the Internet", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void FarmCheck_Strict_DocumentationRangesAreErrors()
    {
        var r = InProcessCli.Run("farm", "check", "--strict", InProcessCli.Example("dc-farm"));
        Assert.Equal(ExitCodes.Invalid, r.ExitCode);
        Assert.Contains("error: public.ipv4[0].subnet (line 52): 203.0.113.0/24 is a documentation address (RFC 5737); a public subnet is required\n", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void FarmCheck_BrokenExample_EveryProblemAndExitOne()
    {
        var path = InProcessCli.Example("broken-farm");
        var r = InProcessCli.Run("farm", "check", path);
        Assert.Equal(ExitCodes.Invalid, r.ExitCode);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal($"{path}: farm 'my farm!': 31 errors, 1 warning", lines[^1]);
        Assert.Equal(32, lines.Length - 1);
        Assert.Equal("error: name (line 2): 'my farm!' contains ' '; a farm name has only letters, digits, '_' and '-'", lines[0]);
        Assert.Contains("error: nodes[1].nics[0].mac (line 51): 52:54:00:00:00:02 is already used by nodes[0].nics[1] (node 'node1')", lines);
    }

    [Fact]
    public void FarmCheck_MissingFile_ExitTwoWithMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), "zos-no-such-farm-" + Guid.NewGuid().ToString("N") + ".yaml");
        var r = InProcessCli.Run("farm", "check", path);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.StartsWith($"zos: error: cannot read the farm file {path}: ", r.Err, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void FarmCheck_UnparsableFile_ExitTwoWithLine()
    {
        var path = Path.Combine(Path.GetTempPath(), "zos-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "name: x\nnodes: [\n  - {a: 1\n");
        try
        {
            var r = InProcessCli.Run("farm", "check", path);
            Assert.Equal(ExitCodes.Usage, r.ExitCode);
            Assert.Matches($"^zos: error: {System.Text.RegularExpressions.Regex.Escape(path)}:[0-9]+: not valid YAML or JSON: ", r.Err);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FarmCheck_JsonFile_Checked()
    {
        var path = Path.Combine(Path.GetTempPath(), "zos-farm-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{"name": "j", "nodes": []}""");
        try
        {
            var r = InProcessCli.Run("farm", "check", path);
            Assert.Equal(ExitCodes.Invalid, r.ExitCode);
            Assert.StartsWith("error: name (line 1): 'j' is 1 characters long; a farm name has 3 to 40\n", r.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
