using Microsoft.AspNetCore.Builder;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry;
using Zos.Testing;

namespace Zos.Boot.Tests.Configuration;

/// <summary>The boot configuration read from a real registry (Kestrel on loopback, SQLite) tells nodes that registry.</summary>
public sealed class RegistryBootConfigSourceTests : IAsyncLifetime
{
    private const string Mac = "52:54:00:5a:00:07";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), TestNames.New("bcfg"));
    private WebApplication _registry = null!;
    private HttpClient _http = null!;
    private uint _farm;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryApp.BuildAsync(new RegistryOptions { DataDirectory = _dir, Urls = "http://127.0.0.1:0" }, ct: Ct);
        await _registry.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = new Uri(_registry.Urls.First().TrimEnd('/') + "/") };
        var client = new RegistryClient(_http, new RequestSigner(Ed25519Identity.Generate(), TimeProvider.System));
        await client.CreateAccountAsync("farmer", Ct);
        _farm = (await client.CreateFarmAsync(new FarmCreate("boot-farm", Boot: new FarmBootProfile("test", "console=ttyS0")), Ct)).Id;
        await client.SetFarmMacAsync(_farm, new BootMac(Mac, "vlan:priv=10"), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _registry.StopAsync(Ct);
        await _registry.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Load_FarmFromTheRegistry_NodesAreToldThatRegistry()
    {
        var source = new RegistryBootConfigSource(new RegistryClient(_http), _farm);

        var target = (await source.LoadAsync(Ct)).TargetFor(MacAddress.Parse(Mac), "http://10.98.0.1:8080/kernel")!;

        Assert.Equal($"nomodeset version=v3 runmode=test panic=7200 farmer_id={_farm} console=ttyS0 vlan:priv=10 zos-registry={_registry.Urls.First().TrimEnd('/')}",
            target.CommandLine);
        Assert.Equal("http://10.98.0.1:8080/kernel/net/test.efi", target.KernelUrl);
        Assert.Null(target.InitrdUrl);
    }

    [Fact]
    public async Task Load_WithTheImageDefaults_BootsTheImageAndKeepsTheFarmsConsole()
    {
        var source = new RegistryBootConfigSource(new RegistryClient(_http), _farm, defaults: new BootServerDefaults
        {
            Kernel = "zos-node.vmlinuz",
            Initrd = "zos-node.initramfs",
            RegistryUrl = "http://10.98.0.1:8081",
            Arguments = ["console=tty0", "console=ttyS0,115200", "zos-state=auto"],
        });

        var target = (await source.LoadAsync(Ct)).TargetFor(MacAddress.Parse(Mac), "http://10.98.0.1:8080/kernel")!;

        Assert.Equal("http://10.98.0.1:8080/kernel/zos-node.vmlinuz", target.KernelUrl);
        Assert.Equal("http://10.98.0.1:8080/kernel/zos-node.initramfs", target.InitrdUrl);
        // The address nodes reach the registry on (given to the server) wins over the one the server used itself.
        Assert.EndsWith("console=ttyS0 vlan:priv=10 zos-registry=http://10.98.0.1:8081 zos-state=auto", target.CommandLine, StringComparison.Ordinal);
    }
}
