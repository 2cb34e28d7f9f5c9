using System.Text.RegularExpressions;
using Xunit;
using static Zos.Cli.Tests.BadInputAccounts;

namespace Zos.Cli.Tests;

/// <summary>
/// Issue 17's table: every command with its bad inputs, run as the process a script runs. Each must end with its
/// documented exit code, say on stderr `zos: error: ` and what is wrong, naming the parameter and the value, print
/// no stack trace and no exception or .NET type name, and leave stdout empty (so `zos ... &gt; file` writes nothing).
/// </summary>
public sealed partial class BadInputTableTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string Unreachable = "http://127.0.0.1:1";

    private static readonly Dictionary<string, BadInput> s_table = new(StringComparer.Ordinal)
    {
        // The command line itself.
        ["no command"] = new([], ExitCodes.Usage, ["needs a command", "lab", "farm"]),
        ["unknown command"] = new(["farm", "shw"], ExitCodes.Usage, ["'shw'", "usage: zos farm <command>"]),
        ["unknown option"] = new(["lab", "down", "--bogus"], ExitCodes.Usage, ["'--bogus'", "usage: zos lab down"]),
        ["farm id not a number"] = new(["farm", "show", "abc"], ExitCodes.Usage, ["<farm-id>", "'abc'", "whole number", "usage: zos farm show <farm-id>"]),
        ["farm id missing"] = new(["farm", "show"], ExitCodes.Usage, ["farm-id", "usage: zos farm show <farm-id>"]),
        ["token id not a number"] = new(["farm", "token", "revoke", "1", "x1"], ExitCodes.Usage, ["<token-id>", "'x1'"]),
        ["icmp-echo neither on nor off"] = new(["farm", "icmp-echo", "1", "maybe"], ExitCodes.Usage, ["<on|off>", "'maybe'"]),
        ["port not a number"] = new(["lab", "up", "--port", "x"], ExitCodes.Usage, ["--port", "'x'", "whole number"]),
        ["node status filter"] = new(["node", "list", "--status", "sideways", "--registry", Unreachable], ExitCodes.Usage, ["--status", "'sideways'"]),
        ["completion for an unknown shell"] = new(["completion", "tcsh"], ExitCodes.Usage, ["<shell>", "'tcsh'"]),

        // Values the commands check.
        ["lab boot delay out of range"] = new(["lab", "up", "--boot-delay", "9999"], ExitCodes.Usage, ["--boot-delay", "9999"]),
        ["lab unknown scenario"] = new(["lab", "up", "--scenario", "nothing"], ExitCodes.Usage, ["--scenario", "'nothing'", "nothing was created"]),
        ["lab zero nodes"] = new(["lab", "up", "--nodes", "0"], ExitCodes.Usage, ["--nodes", "0"]),
        ["lab status without a lab"] = new(["lab", "status"], ExitCodes.NotFound, ["no lab is running", "zos lab up"]),
        ["lab status --json without a lab"] = new(["lab", "status", "--json"], ExitCodes.NotFound, ["no lab is running"]),
        ["lab ping without a lab"] = new(["lab", "ping"], ExitCodes.NotFound, ["no lab is running"]),
        ["lab kill without a lab"] = new(["lab", "kill", "dc-farm/node1"], ExitCodes.NotFound, ["no lab is running"]),
        ["farm check of a missing file"] = new(["farm", "check", "{tmp}/none.yaml"], ExitCodes.Usage, ["{tmp}/none.yaml"]),
        ["farm check of a directory"] = new(["farm", "check", "{tmp}"], ExitCodes.Usage, ["{tmp}", "is a directory"]),
        ["farm check of broken YAML"] = new(["farm", "check", "{tmp}/broken.yaml"], ExitCodes.Usage, ["{tmp}/broken.yaml", "YAML"]),
        ["router-config port without ="] = new(["farm", "router-config", "{example}/dc-farm.yaml", "--port", "bad"], ExitCodes.Usage, ["--port", "'bad'", "SEGMENT=IF"]),
        ["router-config check of a missing namespace"] = new(["farm", "router-config", "{example}/dc-farm.yaml", "--check", "--netns", "zz-no-such-ns"], ExitCodes.Failed, ["--netns zz-no-such-ns"]),
        ["network plan of a missing file"] = new(["network", "plan", "{tmp}/none.yaml"], ExitCodes.Usage, ["{tmp}/none.yaml"]),
        ["network names with an empty owner"] = new(["network", "names", "--owner", "", "--name", "x"], ExitCodes.Usage, ["--owner ''"]),
        ["network names with a bad subnet"] = new(["network", "names", "--owner", "42", "--name", "x", "--subnet", "nonsense"], ExitCodes.Usage, ["--subnet", "'nonsense'"]),
        ["derive mac of odd hex"] = new(["derive", "mac", "abc", "--hex"], ExitCodes.Usage, ["'abc'", "--hex"]),
        ["node status without a status file"] = new(["node", "status", "--state", "{tmp}/no-state"], ExitCodes.Usage, ["--state {tmp}/no-state"]),
        ["node attach with a bad address"] = new(["node", "attach", "--network", "x", "--ip", "notanip", "--netns", "ns1"], ExitCodes.Usage, ["--ip", "'notanip'"]),
        ["node attach to a network not here"] = new(["node", "attach", "--network", "office", "--ip", "10.20.1.5", "--netns", "ns1", "--state", "{tmp}/no-state"],
            ExitCodes.Invalid, ["'office'", "not deployed"]),

        // The boot server and boot media.
        ["boot serve without a configuration"] = new(["boot", "serve", "--no-tftp", "--http", "http://127.0.0.1:0"], ExitCodes.Usage, ["--config", "--registry"]),
        ["boot serve of a missing configuration"] = new(["boot", "serve", "--config", "{tmp}/none.yaml", "--no-tftp", "--http", "http://127.0.0.1:0"], ExitCodes.Usage, ["{tmp}/none.yaml"]),
        ["boot serve in an unknown DHCP mode"] = new(["boot", "serve", "--config", "{tmp}/boot.yaml", "--no-tftp", "--http", "http://127.0.0.1:0", "--mode", "weird"], ExitCodes.Usage, ["--mode", "'weird'"]),
        ["boot serve on a missing interface"] = new(["boot", "serve", "--config", "{tmp}/boot.yaml", "--no-tftp", "--http", "http://127.0.0.1:0", "--interface", "zz-none0"], ExitCodes.Usage, ["--interface", "'zz-none0'"]),
        ["boot serve with a garbage URL"] = new(["boot", "serve", "--config", "{tmp}/boot.yaml", "--no-tftp", "--http", "garbage"], ExitCodes.Usage, ["--http", "'garbage'"]),
        ["boot serve on a port in use"] = new(["boot", "serve", "--config", "{tmp}/boot.yaml", "--no-tftp", "--http", "http://127.0.0.1:{busyPort}"], ExitCodes.Unreachable, [":{busyPort}", "in use"]),
        ["boot serve with the registry down"] = new(["boot", "serve", "--registry", Unreachable, "--farm", "1", "--no-tftp", "--http", "http://127.0.0.1:0"], ExitCodes.Unreachable, ["127.0.0.1:1", "--registry-key"]),
        ["boot media with a bad farm and runmode"] = new(["boot", "media", "--farm", "0", "--runmode", "x", "--format", "iso", "-o", "{tmp}/m.iso"], ExitCodes.Usage, ["--farm: '0'", "--runmode: 'x'"]),
        ["boot media in an unknown format"] = new(["boot", "media", "--farm", "1", "--runmode", "prod", "--format", "floppy", "-o", "{tmp}/m.img"], ExitCodes.Usage, ["--format", "'floppy'"]),
        ["boot media with the registry down"] = new(["boot", "media", "--farm", "1", "--runmode", "prod", "--format", "usb", "-o", "{tmp}/m.img", "--registry", Unreachable],
            ExitCodes.Unreachable, ["127.0.0.1:1", "--registry-key"]),

        // The registry server.
        ["registry heartbeat of zero"] = new(["registry", "serve", "--heartbeat-interval", "0"], ExitCodes.Usage, ["--heartbeat-interval 0"]),
        ["registry with garbage for --postgres"] = new(["registry", "serve", "--postgres", "garbage;Password=hunter2 x", "--data", "{tmp}/pg1", "--urls", "http://127.0.0.1:0"],
            ExitCodes.Usage, ["--postgres", "Host="], Absent: ["hunter2"]),
        ["registry with an unknown --postgres keyword"] = new(["registry", "serve", "--postgres", "Hots=db;Password=hunter2", "--data", "{tmp}/pg2", "--urls", "http://127.0.0.1:0"],
            ExitCodes.Usage, ["--postgres", "hots"], Absent: ["hunter2"]),
        ["registry with PostgreSQL down"] = new(["registry", "serve", "--postgres", "Host=127.0.0.1;Port=1;Username=zos;Password=hunter2;Database=zos", "--data", "{tmp}/pg3", "--urls", "http://127.0.0.1:0"],
            ExitCodes.Unreachable, ["--postgres", "127.0.0.1:1", "start PostgreSQL"], Absent: ["hunter2"]),
        ["registry on a port in use"] = new(["registry", "serve", "--data", "{tmp}/d1", "--urls", "http://127.0.0.1:{busyPort}"], ExitCodes.Unreachable, ["--urls", ":{busyPort}", "in use"]),
        ["registry with an unwritable data directory"] = new(["registry", "serve", "--data", "{tmp}/a-file/data", "--urls", "http://127.0.0.1:0"], ExitCodes.Failed, ["--data {tmp}/a-file/data"]),
        ["registry signing key where it cannot be made"] = new(["registry", "serve", "--signing-key", "{tmp}/a-file/registry.key", "--data", "{tmp}/d3", "--urls", "http://127.0.0.1:0"],
            ExitCodes.Failed, ["--signing-key {tmp}/a-file/registry.key"]),
        ["registry with a missing TLS certificate"] = new(["registry", "serve", "--tls-cert", "{tmp}/none.pem", "--tls-key", "{tmp}/none.key", "--data", "{tmp}/d4", "--urls", "https://127.0.0.1:0"],
            ExitCodes.Usage, ["--tls-cert {tmp}/none.pem"]),
        ["registry with a garbage URL"] = new(["registry", "serve", "--data", "{tmp}/d2", "--urls", "garbage"], ExitCodes.Usage, ["--urls", "'garbage'"]),

        // Registry clients.
        ["no registry given"] = new(["node", "list"], ExitCodes.Usage, ["--registry", "ZOS_REGISTRY"]),
        ["registry that is not a URL"] = new(["farm", "show", "1", "--registry", "notaurl"], ExitCodes.Usage, ["'notaurl'"]),
        ["registry unreachable"] = new(["farm", "show", "1", "--registry", Unreachable], ExitCodes.Unreachable, ["127.0.0.1:1", "unreachable"]),
        ["garbage account key"] = new(["farm", "create", "farm-x", "--registry", "{registry}"], ExitCodes.Invalid, ["account.key", "7 bytes"], Account: Garbage),
        ["farm that does not exist"] = new(["farm", "show", "4000000", "--registry", "{registry}"], ExitCodes.NotFound, ["4000000", "404"]),
        ["network that does not exist"] = new(["network", "show", "NoSuchNet", "--registry", "{registry}"], ExitCodes.NotFound, ["NoSuchNet", "404"]),
        ["account name the registry refuses"] = new(["account", "create", "a b", "--registry", "{registry}"], ExitCodes.Invalid, ["400", "name: 'a b'"]),
        ["network join of an unknown network"] = new(["network", "join", "NoSuchNet", "laptop", "--registry", "{registry}"], ExitCodes.NotFound, ["NoSuchNet", "404"], Account: Owner),
        ["farm name taken"] = new(["farm", "create", "farm-a", "--registry", "{registry}"], ExitCodes.Conflict, ["farm-a", "409"], Account: Owner),
        ["someone else's farm"] = new(["farm", "mac", "add", "{farm}", "52:54:00:00:00:01", "--registry", "{registry}"], ExitCodes.Denied, ["403"], Account: Stranger),
        ["public IP that is private"] = new(["farm", "ip", "add", "{farm}", "10.0.0.5/24", "--gateway", "10.0.0.1", "--registry", "{registry}"], ExitCodes.Invalid, ["ip: 10.0.0.5"], Account: Owner),
        ["network join before the mesh is ready"] = new(["network", "join", "{net}", "laptop", "--registry", "{registry}"], ExitCodes.NotReady, ["{net}", "not ready", "nothing was printed"], Account: Owner),
    };

    public static TheoryData<string> Rows => [.. s_table.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void BadInput_ExitsWithItsCodeAndNamesTheCause(string row)
    {
        var input = s_table[row];

        var r = fixture.Run(input);

        var shown = $"zos {string.Join(' ', input.Args.Select(fixture.Fill))}\nexit {r.ExitCode}\nstdout: {r.StdOut}\nstderr: {r.StdErr}";
        Assert.True(r.ExitCode == input.Exit, $"expected exit {input.Exit}:\n{shown}");
        Assert.True(r.StdErr.StartsWith(CliMessages.ErrorPrefix, StringComparison.Ordinal), $"stderr does not start with '{CliMessages.ErrorPrefix}':\n{shown}");
        Assert.True(r.StdOut.Length == 0, $"a failed command printed on stdout:\n{shown}");
        Assert.DoesNotMatch(StackFrame(), r.StdErr);
        Assert.DoesNotMatch(TypeName(), r.StdErr);
        foreach (var mention in input.Mentions.Select(fixture.Fill))
            Assert.True(r.StdErr.Contains(mention, StringComparison.Ordinal), $"the message does not name '{mention}':\n{shown}");
        foreach (var secret in input.Absent ?? [])
            Assert.False(r.StdErr.Contains(secret, StringComparison.Ordinal), $"the message shows the secret '{secret}':\n{shown}");
    }

    [Fact]
    public void Table_CoversEveryDocumentedFailureCode()
    {
        var covered = s_table.Values.Select(r => r.Exit).ToHashSet();
        var untestable = new[] { ExitCodes.Ok, ExitCodes.Internal, ExitCodes.Interrupted };
        var missing = ExitCodes.All.Where(c => !untestable.Contains(c.Code) && !covered.Contains(c.Code)).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, $"no row of the table ends with: {string.Join(", ", missing)}");
    }

    /// <summary>A .NET stack frame line ("   at Zos.Cli.…").</summary>
    [GeneratedRegex(@"(?m)^\s+at \S+\(")]
    private static partial Regex StackFrame();

    /// <summary>An exception or .NET type name (Npgsql.NpgsqlException, System.UInt32, Unhandled exception).</summary>
    [GeneratedRegex(@"\b\w*Exception\b|\bSystem\.[A-Z]\w+|Unhandled")]
    private static partial Regex TypeName();
}
