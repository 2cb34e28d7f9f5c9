using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Media;
using Zos.Core.Cmdline;
using Zos.Core.Primitives;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Tests.Configuration;

/// <summary>
/// The farm enrollment token on the node's kernel command line (zos-farm-token=): the boot server puts it there from
/// --farm-token-file or the configuration's farmToken, boot media from --farm-token-file; a malformed one is refused
/// naming the option, never quoting the secret; the node parses what the server wrote.
/// </summary>
public sealed class FarmTokenArgumentTests : IDisposable
{
    private const string Token = "zft_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCDe";
    private static readonly MacAddress Node = MacAddress.Parse("52:54:00:12:34:56");
    private const string Base = "http://10.98.0.1:8080/kernel";
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-farm-token-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Yaml(string extra = "", string profileArgs = "[console=ttyS0]") => $$"""
        farmId: 42
        profile: { runmode: test, kernel: zos.efi, args: {{profileArgs}} }
        {{extra}}
        nodes:
          - { mac: "52:54:00:12:34:56", args: ["vlan:priv=10"] }
        """;

    [Fact]
    public void TargetFor_ServerToken_OnEveryNodesCommandLineAndTheNodeReadsIt()
    {
        var config = BootConfigurationParser.Parse(Yaml(), "boot.yaml", new BootServerDefaults { RegistryUrl = "http://10.98.0.1:8081", FarmToken = Token });

        var line = config.TargetFor(Node, Base)!.CommandLine;

        Assert.EndsWith($"vlan:priv=10 zos-registry=http://10.98.0.1:8081 zos-farm-token={Token}", line, StringComparison.Ordinal);
        var parsed = BootParametersParser.Parse(line);
        Assert.Empty(parsed.Errors);
        Assert.Equal((42u, Token), (parsed.Parameters.FarmId, parsed.Parameters.FarmToken));
    }

    [Fact]
    public void TargetFor_FileTokenAndServerToken_TheServersWinsAndTheFarmsOwnArgumentStays()
    {
        const string other = "zft_ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-ZyXWv";
        var fromFile = BootConfigurationParser.Parse(Yaml(extra: $"farmToken: {other}"), "boot.yaml");
        Assert.EndsWith($" zos-farm-token={other}", fromFile.TargetFor(Node, Base)!.CommandLine, StringComparison.Ordinal);

        var serverWins = BootConfigurationParser.Parse(Yaml(extra: $"farmToken: {other}"), "boot.yaml", new BootServerDefaults { FarmToken = Token });
        Assert.EndsWith($" zos-farm-token={Token}", serverWins.TargetFor(Node, Base)!.CommandLine, StringComparison.Ordinal);

        var farmsOwn = BootConfigurationParser.Parse(Yaml(profileArgs: $"[\"zos-farm-token={other}\"]"), "boot.yaml", new BootServerDefaults { FarmToken = Token });
        var line = farmsOwn.TargetFor(Node, Base)!.CommandLine;
        Assert.Contains($"zos-farm-token={other}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedFileToken_ErrorNamesTheFieldNotTheValue()
    {
        var e = Assert.Throws<BootConfigurationException>(() => BootConfigurationParser.Parse(Yaml(extra: "farmToken: hunter2-secret"), "boot.yaml"));

        Assert.Contains("farmToken: the farm token does not hold a farm enrollment token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TokenFileMissingOrMalformed_UsageNamingTheOptionAndFileOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = new BootServeHost(TextWriter.Null, NullLoggerFactory.Instance);
        var missing = Path.Combine(_dir, "missing.token");
        var e = await Assert.ThrowsAsync<BootServeException>(() => host.RunAsync(new BootServeRequest { FarmTokenFile = missing, NoTftp = true }, ct));
        Assert.Equal(BootServeFailure.Usage, e.Failure);
        Assert.StartsWith($"--farm-token-file: cannot read '{missing}'", e.Message, StringComparison.Ordinal);

        var bad = Path.Combine(_dir, "bad.token");
        await File.WriteAllTextAsync(bad, "hunter2-secret\n", ct);
        e = await Assert.ThrowsAsync<BootServeException>(() => host.RunAsync(new BootServeRequest { FarmTokenFile = bad, NoTftp = true }, ct));
        Assert.Equal((BootServeFailure.Usage, $"--farm-token-file: '{bad}' does not hold a farm enrollment token ('zft_' and 43 base64url characters, as `zos farm token create` prints it)"),
            (e.Failure, e.Message));
    }

    [Fact]
    public void FarmTokenFile_TokenWithLineBreak_ReadTrimmed()
    {
        var file = Path.Combine(_dir, "farm.token");
        File.WriteAllText(file, $"  {Token}\n");

        Assert.Equal(Token, FarmTokenFile.Read("--farm-token-file", file, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Media_Token_AddedUnlessTheArgsCarryOneAndAMalformedOneRefused()
    {
        var request = new BootMediaRequest
        {
            FarmId = "42",
            Runmode = "test",
            Format = "iso",
            Output = Path.Combine(_dir, "medium.iso"),
            RegistryUrl = "http://10.98.0.1:8081",
            FarmToken = Token,
        };

        Assert.Empty(BootMediaBuilder.Validate(request));
        var line = ZosKernelCommandLine.AddMissing(request.Args, [.. BootMediaBuilder.RegistryArgument(request), .. BootMediaBuilder.FarmTokenArgument(request)]);
        Assert.Equal(["zos-registry=http://10.98.0.1:8081", $"zos-farm-token={Token}"], line);
        Assert.Empty(BootMediaBuilder.FarmTokenArgument(request with { FarmToken = null }));

        var errors = BootMediaBuilder.Validate(request with { FarmToken = "hunter2-secret" }).Select(e => e.ToString()).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("--farm-token-file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
