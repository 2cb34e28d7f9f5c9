using Xunit;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Setup;

/// <summary>The daemon's inputs: which registry it uses and where the connectivity check connects.</summary>
public sealed class NodeSetupReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-setup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NodeSetup Read(string cmdline, string? configJson = null)
    {
        var cmdlineFile = Path.Combine(_dir, "cmdline");
        File.WriteAllText(cmdlineFile, cmdline);
        string? configFile = null;
        if (configJson is not null)
        {
            configFile = Path.Combine(_dir, "node.json");
            File.WriteAllText(configFile, configJson);
        }
        return NodeSetupReader.Read(new NodeRunOptions(cmdlineFile, configFile, Path.Combine(_dir, "state")));
    }

    [Fact]
    public void Read_FarmAndRunModeWithoutRegistry_UsesTheRunModesDefaultRegistryAndInternetTargets()
    {
        var setup = Read("farmer_id=12 runmode=test\n");

        Assert.Empty(setup.Problems);
        Assert.Equal(new Uri("https://registry.test.zos.network/"), setup.Registry);
        Assert.Equal(new ConnectivityTarget("registry.test.zos.network", 443), setup.RegistryTarget);
        Assert.Equal(Zos.Core.Cmdline.InternetProbeTargets.Default(Zos.Core.Cmdline.RunMode.Test).Select(t => t.ToString()), setup.Targets.Select(t => t.ToString()));
        Assert.DoesNotContain(setup.Targets, t => t.Host.Contains("registry", StringComparison.Ordinal));
        Assert.Equal("no zos-registry= on the command line: using the test default https://registry.test.zos.network/", setup.RegistryChoice);
    }

    [Fact]
    public void Read_NoRunModeEither_ProdDefaultAndSaysWhy()
    {
        var setup = Read("farmer_id=12\n");

        Assert.Equal(new Uri("https://registry.zos.network/"), setup.Registry);
        Assert.Equal("no zos-registry= on the command line: using the prod default https://registry.zos.network/ (no runmode= either: prod)", setup.RegistryChoice);
    }

    [Fact]
    public void Read_RegistryGiven_UsedButNeverTheRouteOutTarget()
    {
        var setup = Read("farmer_id=12 runmode=dev zos-registry=http://198.51.100.7:8480\n");

        Assert.Equal(new Uri("http://198.51.100.7:8480/"), setup.Registry);
        Assert.Equal(new ConnectivityTarget("198.51.100.7", 8480), setup.RegistryTarget);
        Assert.DoesNotContain(new ConnectivityTarget("198.51.100.7", 8480), setup.Targets);
        Assert.Equal("registry http://198.51.100.7:8480/ (zos-registry= on the command line)", setup.RegistryChoice);
    }

    [Fact]
    public void Read_BadRegistry_ProblemNamesItAndTheDefaultIsUsed()
    {
        var setup = Read("farmer_id=12 runmode=qa zos-registry=registry:8080\n");

        var problem = Assert.Single(setup.Problems);
        Assert.Contains("zos-registry=registry:8080", problem, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://registry.qa.zos.network/"), setup.Registry);
        Assert.Equal(new ConnectivityTarget("registry.qa.zos.network", 443), setup.RegistryTarget);
    }

    [Fact]
    public void Read_ConfigTargets_TakePrecedenceOverTheRunModesTargets()
    {
        var setup = Read("runmode=dev\n", "{\"connectivityTargets\":[\"[2001:db8::1]:80\"]}");

        Assert.Equal([new ConnectivityTarget("2001:db8::1", 80)], setup.Targets);
        Assert.Equal(new Uri("https://registry.dev.zos.network/"), setup.Registry);
        Assert.True(setup.Parameters.IsOrphan);
    }

    [Fact]
    public void Read_ZosProbe_WinsOverConfigTargets()
    {
        var setup = Read("runmode=dev zos-probe=203.0.113.5:53,[2001:db8::35]:443\n", "{\"connectivityTargets\":[\"[2001:db8::1]:80\"]}");

        Assert.Empty(setup.Problems);
        Assert.Equal([new ConnectivityTarget("203.0.113.5", 53), new ConnectivityTarget("2001:db8::35", 443)], setup.Targets);
    }

    [Fact]
    public void Read_UnreadableCmdline_ProblemAndStillARegistry()
    {
        var setup = NodeSetupReader.Read(new NodeRunOptions(Path.Combine(_dir, "missing"), null, Path.Combine(_dir, "state")));

        Assert.Contains(setup.Problems, p => p.StartsWith($"--cmdline {Path.Combine(_dir, "missing")}: cannot read", StringComparison.Ordinal));
        Assert.Equal(new Uri("https://registry.zos.network/"), setup.Registry);
        Assert.NotEmpty(setup.Targets);
    }

    [Fact]
    public void Read_FarmToken_CarriedForTheRegistration()
    {
        const string token = "zft_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCDe";
        var setup = Read($"farmer_id=12 zos-farm-token={token} runmode=dev zos-registry=http://198.51.100.7:8480\n");

        Assert.Empty(setup.Problems);
        Assert.Equal(token, setup.Parameters.FarmToken);
    }

    [Theory]
    [InlineData("zos-farm-token=secret123")]
    [InlineData("zos-farm-token=zft_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCDe")]
    public void Read_MalformedFarmToken_ProblemWithoutTheSecretAndNoToken(string argument)
    {
        var setup = Read($"farmer_id=12 {argument} runmode=dev\n");

        Assert.Null(setup.Parameters.FarmToken);
        var problem = Assert.Single(setup.Problems);
        Assert.Contains("zos-farm-token= is not a farm enrollment token", problem, StringComparison.Ordinal);
        Assert.Contains("waits for the farmer's approval", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(argument["zos-farm-token=".Length..], problem, StringComparison.Ordinal);
    }
}
