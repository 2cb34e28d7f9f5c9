using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Media;
using Zos.Client;
using Zos.Core.Cmdline;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry;

namespace Zos.Boot.Tests.Hosting;

/// <summary>
/// Issue 14: the boot server and the boot media put the registry's key on the node's command line
/// (<c>zos-registry-key=</c>), taken from an option or read once from the registry at start, and a boot server that
/// cannot learn it refuses to start with a message that says where it looked.
/// </summary>
public sealed class RegistryKeyOnCommandLineTests : IDisposable
{
    private static readonly MacAddress Node = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly string Key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))]);
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-bootkey-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Yaml = """
        farmId: 42
        profile: { runmode: test, kernel: zos.efi }
        nodes:
          - { mac: "52:54:00:12:34:56" }
        """;

    [Fact]
    public void Parse_ServerKnowsTheKey_NodeReadsTheSameKeyBack()
    {
        var config = BootConfigurationParser.Parse(Yaml, "boot.yaml", new BootServerDefaults { RegistryUrl = "http://10.98.0.1:8081", RegistryKey = Key });

        var line = config.TargetFor(Node, "http://10.98.0.1:8080/kernel")!.CommandLine;

        Assert.Contains($" zos-registry-key={Key}", line, StringComparison.Ordinal);
        var parsed = BootParametersParser.Parse(line);
        Assert.Empty(parsed.Errors);
        Assert.Equal(Convert.FromBase64String(Key), parsed.Parameters.RegistryPublicKey);
    }

    [Fact]
    public void Parse_KeyNotBase64_ErrorNamingIt()
    {
        var e = Assert.Throws<BootConfigurationException>(() =>
            BootConfigurationParser.Parse(Yaml, "boot.yaml", new BootServerDefaults { RegistryKey = "not-a-key" }));

        Assert.Contains("registryKey: 'not-a-key' is not a registry key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_KeyGiven_OnTheCommandLine()
    {
        var request = new BootMediaRequest { FarmId = "42", Runmode = "test", Format = "usb", Output = "x", RegistryUrl = "http://10.98.0.1:8081", RegistryKey = Key };

        Assert.Equal(["zos-registry=http://10.98.0.1:8081", $"zos-registry-key={Key}"], BootMediaBuilder.RegistryArgument(request));
        Assert.Contains(BootMediaBuilder.Validate(request with { RegistryKey = "AAAA" }), e => e.ToString().Contains("--registry-key: 'AAAA' is not a registry key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_RegistryDoesNotAnswer_RefusesToStartNamingTheUrl()
    {
        var file = Path.Combine(_dir, "boot.yaml");
        await File.WriteAllTextAsync(file, Yaml, Ct);
        var request = new BootServeRequest { ConfigFile = file, RegistryUrl = "http://127.0.0.1:1", NoTftp = true, HttpUrl = "http://127.0.0.1:0", NoReport = true };

        var e = await Assert.ThrowsAsync<BootServeException>(() => new BootServeHost(TextWriter.Null, NullLoggerFactory.Instance).RunAsync(request, Ct));

        Assert.Equal(BootServeFailure.Failed, e.Failure);
        Assert.StartsWith("cannot read the registry's key from http://127.0.0.1:1/api/v1/registry: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("; give it with --registry-key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_KeyOptionNotAKey_UsageNamingIt()
    {
        var request = new BootServeRequest { ConfigFile = "/nonexistent/boot.yaml", RegistryKey = "zzz", NoTftp = true, HttpUrl = "http://127.0.0.1:0" };

        var e = await Assert.ThrowsAsync<BootServeException>(() => new BootServeHost(TextWriter.Null, NullLoggerFactory.Instance).RunAsync(request, Ct));

        Assert.Equal((BootServeFailure.Usage, "--registry-key: 'zzz' is not a registry key (base64 of a 32-byte Ed25519 public key, as GET /api/v1/registry gives it)"),
            (e.Failure, e.Message));
    }

    [Fact]
    public async Task Fetch_RealRegistry_TheKeyItSignsWith()
    {
        var options = new RegistryOptions { DataDirectory = Path.Combine(_dir, "registry"), Urls = "http://127.0.0.1:0", Cockpit = false };
        await using var app = await RegistryApp.BuildAsync(options, ct: Ct);
        await app.StartAsync(Ct);
        using var http = new HttpClient();

        var key = await RegistryKeyFetch.FetchAsync(http, new Uri(app.Urls.First()), Ct);

        var seed = await File.ReadAllBytesAsync(options.EffectiveSigningKeyFile, Ct);
        using var identity = Ed25519Identity.FromSeed(seed);
        Assert.Equal(Convert.ToBase64String(identity.PublicKey), key);
        Assert.True(ResponseSigning.TryParseKey(key, out _));
        await app.StopAsync(Ct);
    }
}
