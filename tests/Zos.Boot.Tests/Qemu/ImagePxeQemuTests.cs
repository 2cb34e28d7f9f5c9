using System.Net;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Http;
using Zos.Boot.Image;
using Zos.Core.Primitives;
using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// The boot server serving the real node image (<see cref="NodeTestImage"/>, as <c>zos boot serve --image</c> does): a
/// VM's iPXE ROM (BIOS, and OVMF's) gets an address from our DHCP, its per-MAC script, then <c>kernel</c> +
/// <c>initrd</c> + <c>boot</c> over HTTP, until the image's init prints <c>zos-init:</c> on the serial console.
/// Whether the node then registers is the lab's test; here: the script, the two downloads and the command line.
/// </summary>
public sealed class ImagePxeQemuTests
{
    private const string Mac = "52:54:00:5a:01:01";
    private const string Registry = "http://10.98.0.1:8081";
    /// <summary>iPXE's download of the ~33 MB initramfs dominates: about 60 s per run under TCG on a shared 2-core machine.</summary>
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("bios")]
    [InlineData("uefi")]
    public async Task Pxe_ServedImage_KernelAndInitrdBootToTheImagesInit(string firmware)
    {
        Require.Privileged("ip", "qemu-system-x86_64");
        var image = NodeImageDirectory.Open(NodeTestImage.Directory);
        using var lan = new BootLan();
        using var vm = new QemuConsole($"pxe-{firmware}");
        var config = BootConfigurationParser.Parse($$"""
            farmId: 42
            profile: { runmode: test, failureDelaySeconds: 1, retries: 1 }
            dhcp: { subnet: {{lan.Prefix}}.0/24, poolStart: {{lan.Prefix}}.100, poolEnd: {{lan.Prefix}}.150, router: {{lan.ServerAddress}} }
            nodes:
              - { mac: "{{Mac}}", args: ["vlan:priv=10"], managementIp: {{lan.Prefix}}.17 }
            """, "test", new BootServerDefaults
        {
            Kernel = NodeImageDirectory.KernelFile,
            Initrd = NodeImageDirectory.InitrdFile,
            RegistryUrl = Registry,
            Arguments = NodeImageDirectory.KernelArguments,
        });
        await using var server = new BootServer(new BootServerOptions
        {
            ConfigSource = new StaticBootConfigSource(config),
            Dhcp = new BootDhcpHosting
            {
                ServerAddress = IPAddress.Parse($"{lan.Prefix}.2"),
                Interface = "br0",
                NetworkNamespace = lan.Namespace,
                NextServer = lan.ServerAddress,
                ScriptBaseUrl = $"http://{lan.ServerAddress}:8080/boot/",
            },
            Http = new BootHttpOptions { Urls = [$"http://{lan.ServerAddress}:8080"], KernelDirectory = image.Directory },
        });
        await server.StartAsync(TestContext.Current.CancellationToken);
        string[] machine = firmware == "uefi" ? ["-machine", "q35", .. vm.OvmfArgs()] : ["-machine", "pc"];

        var run = await vm.RunUntilAsync(lan.Namespace,
        [
            .. machine, "-boot", "n",
            "-netdev", $"tap,id=n0,ifname={lan.Tap},script=no,downscript=no", "-device", $"virtio-net-pci,netdev=n0,mac={Mac}",
        ], "zos-init:", BootTimeout, TestContext.Current.CancellationToken);

        var events = server.Events.Snapshot();
        var trail = string.Join("\n", events.Select(e => $"{e.Step} {e.Mac} {e.Detail}"));
        Assert.True(run.Found, $"no 'zos-init:' within {BootTimeout.TotalSeconds} s ({firmware} PXE); boot steps:\n{trail}\nconsole kept at {vm.Log}:\n{run.Tail}\n{run.QemuErrors}");
        var script = Assert.Single(events, e => e.Step == BootStep.ScriptFetched);
        Assert.Equal($"nomodeset version=v3 runmode=test panic=7200 farmer_id=42 vlan:priv=10 zos-registry={Registry} console=tty0 console=ttyS0,115200 zos-state=auto", script.Detail);
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched && e.Detail == NodeImageDirectory.KernelFile);
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched && e.Detail == NodeImageDirectory.InitrdFile);
        Assert.True(run.Console.Contains($"farmer_id=42 vlan:priv=10 zos-registry={Registry}", StringComparison.Ordinal),
            $"the kernel did not get the script's command line; console kept at {vm.Log}:\n{run.Tail}");
        TestContext.Current.SendDiagnosticMessage($"{firmware} PXE: zos-init after {run.Elapsed.TotalSeconds:F1} s");
        vm.Keep = false;
    }
}
