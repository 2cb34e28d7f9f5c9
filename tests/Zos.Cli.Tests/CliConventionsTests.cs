using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Core.Bringup;
using Zos.Testing;

namespace Zos.Cli.Tests;

/// <summary>
/// What every command shares: the exit codes the help and docs/cli.md list, parse errors in one line with the usage,
/// help text without names from the code, and --json on the commands that print data.
/// </summary>
public partial class CliConventionsTests
{
    [Fact]
    public void RootHelp_ListsEveryExitCode()
    {
        var r = InProcessCli.Run("--help");

        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        foreach (var (code, name, _) in ExitCodes.All)
            Assert.Matches(new Regex($@"(?m)^\s+{code}\s+{Regex.Escape(name)}\s"), r.Out);
    }

    [Fact]
    public void CliDocument_ListsEveryExitCodeAsTheHelpDoes()
    {
        var root = TestImage.RepositoryRoot() ?? throw new InvalidOperationException("no Zos.slnx above the test assembly");
        var document = File.ReadAllText(Path.Combine(root, "docs", "cli.md"));

        foreach (var (code, name, meaning) in ExitCodes.All)
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {code} | `{name}` | {meaning} |"), document, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodes_AreDistinct() =>
        Assert.Equal(ExitCodes.All.Count, ExitCodes.All.Select(c => c.Code).Distinct().Count());

    [Fact]
    public void ParseError_OneLinePerErrorThenUsage_NoHelpDump()
    {
        var r = InProcessCli.Run("farm", "show", "abc");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("zos: error: <farm-id>: 'abc' is not a whole number from 0 to 4294967295\n"
            + "usage: zos farm show <farm-id> [options]; `zos farm show --help` explains them\n", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void ParseError_Typo_NoMissingCommandNoise()
    {
        var r = InProcessCli.Run("farm", "shw");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("zos: error: Unrecognized command or argument 'shw'\nusage: zos farm <command> [options]; `zos farm --help` explains them\n", r.Err);
    }

    [Theory]
    [InlineData(typeof(uint), "a whole number from 0 to 4294967295")]
    [InlineData(typeof(int?), "a whole number from -2147483648 to 2147483647")]
    [InlineData(typeof(bool), "true or false")]
    [InlineData(typeof(FileInfo), "a file path")]
    public void Expected_DotNetType_InWords(Type type, string words) => Assert.Equal(words, ParseErrorText.Expected(type));

    /// <summary>Help is for people who run zos: no type or file names of its code, no section signs of the reference.</summary>
    [Fact]
    public void Help_EveryCommand_WithoutNamesFromTheCode()
    {
        var offenders = new List<string>();
        void Visit(Command command, string path)
        {
            var texts = new[] { command.Description }
                .Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Description))
                .Concat(command.Arguments.Where(a => !a.Hidden).Select(a => a.Description));
            offenders.AddRange(texts.Where(t => t is not null && InternalName().IsMatch(t)).Select(t => $"{path}: {t}"));
            foreach (var sub in command.Subcommands)
                Visit(sub, path + " " + sub.Name);
        }
        Visit(CommandTree.Build(), "zos");

        Assert.True(offenders.Count == 0, "help text with names from the code:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void FarmCheckJson_Problems_CamelCaseWithTheirPlaces()
    {
        var r = InProcessCli.Run("farm", "check", InProcessCli.Example("dc-farm"), "--strict", "--json");

        Assert.Equal(ExitCodes.Invalid, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("dc-farm", root.GetProperty("farm").GetString());
        var problems = root.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("errors").GetInt32(), problems.Count(p => p.GetProperty("severity").GetString() == "error"));
        Assert.Contains(problems, p => p.GetProperty("path").GetString() == "public.ipv4[0].subnet" && p.GetProperty("line").GetInt32() > 0);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void NodeStatusJson_StatusFile_TheDocumentCamelCase()
    {
        var dir = Directory.CreateTempSubdirectory("zos-status-json-").FullName;
        try
        {
            var status = new BringupStatus { Phase = BringupPhase.Online, Attempt = 3, LastError = "eth1: no offer" };
            File.WriteAllText(Zos.Node.NodeRunOptions.StatusFileIn(dir), BringupStatusJson.Serialize(status));

            var r = InProcessCli.Run("node", "status", "--state", dir, "--json");

            Assert.Equal(ExitCodes.Ok, r.ExitCode);
            using var json = JsonDocument.Parse(r.Out);
            Assert.Equal(3, json.RootElement.GetProperty("attempt").GetInt32());
            Assert.Equal("eth1: no offer", json.RootElement.GetProperty("lastError").GetString());
            Assert.Equal("online", json.RootElement.GetProperty("phase").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LabStatusJson_RecordedLabRegistryDown_DocumentOnStdoutNotesOnStderr()
    {
        var lab = Directory.CreateTempSubdirectory("zos-lab-json-").FullName;
        try
        {
            var state = Directory.CreateDirectory(Path.Combine(lab, "nodes", "zl-n1")).FullName;
            File.WriteAllText(Zos.Node.NodeRunOptions.StatusFileIn(state), BringupStatusJson.Serialize(new BringupStatus { Phase = BringupPhase.Probing, Attempt = 1 }));
            File.WriteAllText(Path.Combine(lab, "state.json"), JsonSerializer.Serialize(new
            {
                scenario = "dc",
                startedAt = "2026-01-01T00:00:00+00:00",
                // A registry that does not answer: the lab says so, on stderr, and stdout stays the JSON document.
                cockpitUrl = "http://127.0.0.1:1/",
                nodes = new[] { new { label = "dc-farm/node1", farm = "dc-farm", @namespace = "zl-n1", stateDirectory = state, logFile = Path.Combine(lab, "n1.log"), pid = 0, macs = new[] { "52:54:00:00:00:01" } } },
            }));

            var r = ZosProcess.Run(["lab", "status", "--json"], new Dictionary<string, string> { ["ZOS_LAB_DIR"] = lab });

            Assert.True(r.ExitCode == ExitCodes.Ok, r.StdErr);
            using var json = JsonDocument.Parse(r.StdOut);
            Assert.Equal("dc", json.RootElement.GetProperty("scenario").GetString());
            var node = Assert.Single(json.RootElement.GetProperty("nodes").EnumerateArray());
            Assert.Equal("dc-farm/node1", node.GetProperty("label").GetString());
            Assert.False(node.GetProperty("registered").GetBoolean());
            Assert.False(string.IsNullOrEmpty(node.GetProperty("phase").GetString()));
            Assert.Contains("does not answer", r.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(lab, recursive: true);
        }
    }

    /// <summary>Every command whose verb is about data takes --json (the registry ones print JSON by default as well).</summary>
    [Theory]
    [InlineData("farm check")]
    [InlineData("farm show")]
    [InlineData("farm create")]
    [InlineData("farm token list")]
    [InlineData("farm node pending")]
    [InlineData("network show")]
    [InlineData("network names")]
    [InlineData("network plan")]
    [InlineData("node status")]
    [InlineData("node list")]
    [InlineData("node show")]
    [InlineData("lab status")]
    [InlineData("account create")]
    [InlineData("farm router-config")]
    [InlineData("version")]
    public void DataCommand_TakesJson(string path)
    {
        Command command = CommandTree.Build();
        foreach (var word in path.Split(' '))
            command = command.Subcommands.Single(c => c.Name == word);

        Assert.Contains(command.Options, o => o.Name == "--json");
    }

    [Fact]
    public void VersionJson_TheVersionAlone()
    {
        var r = InProcessCli.Run("version", "--json");

        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(InProcessCli.Run("version").Out.Trim(), "zos " + json.RootElement.GetProperty("version").GetString());
    }

    /// <summary>"Zos.Core.Farms.FarmChecker", "System.UInt32", "§4.6", a Go function name of the original.</summary>
    [GeneratedRegex(@"\b(Zos|System|Microsoft)\.[A-Z]\w*|§|HardwareAddr\w+|\(tests\)")]
    private static partial Regex InternalName();
}
