using System.Net;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Http;
using Zos.Boot.Media;
using Zos.Boot.Tftp;
using Zos.Core.Primitives;
using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// A real iPXE (qemu's NIC ROM, Debian's ipxe.lkrn) boots from our TFTP and HTTP servers over a tap in a test
/// namespace (TCG: KVM is unusable here, linux-on-this-machine.md §6). DHCP on the LAN is dnsmasq (DHCP only) until
/// the boot server's own DHCP is composed in. The "kernel" is a tiny iPXE script: iPXE fetches it with the command
/// line (our HTTP log sees it, imgstat prints it), executes it, and it reboots, which ends qemu (-no-reboot).
/// </summary>
[Collection(nameof(QemuCollection))]
public sealed class QemuBootTests
{
    private const string KnownMac = "52:54:00:5a:00:01";
    private const string ExpectedCommandLine = "nomodeset version=v3 runmode=test panic=7200 farmer_id=42 console=ttyS0 vlan:priv=10";
    private static readonly TimeSpan QemuTimeout = TimeSpan.FromSeconds(60);

    private static BootConfiguration Config() => new()
    {
        FarmId = 42,
        Profile = new IpxeBootProfile { Runmode = "test", Kernel = "zos.efi", Args = ["console=ttyS0"], FailureDelaySeconds = 1, Retries = 1 },
        Nodes = [new BootNode { Mac = MacAddress.Parse(KnownMac), Args = ["vlan:priv=10"] }],
    };

    private static async Task<BootServer> StartServerAsync(BootLan lan, bool ourDhcp = false)
    {
        var tftpRoot = Path.Combine(lan.Directory, "tftp");
        var kernels = Path.Combine(lan.Directory, "kernels");
        Directory.CreateDirectory(tftpRoot);
        Directory.CreateDirectory(kernels);
        // What a DHCP server that knows nothing of MACs hands iPXE: chain to the per-MAC script.
        await File.WriteAllTextAsync(Path.Combine(tftpRoot, "chain.ipxe"),
            $"#!ipxe\nchain http://{lan.ServerAddress}:8080/boot/${{net0/mac:hexhyp}} || reboot\n");
        // A stand-in kernel iPXE can execute: proves imgexec ran with the fetched image, then ends qemu.
        await File.WriteAllTextAsync(Path.Combine(kernels, "zos.efi"), "#!ipxe\necho STAND-IN-KERNEL-RAN\nreboot\n");
        File.Copy("/usr/lib/ipxe/ipxe.efi", Path.Combine(tftpRoot, "ipxe.efi"));
        var config = Config();
        if (ourDhcp)
        {
            config = config with
            {
                Nodes = [config.Nodes[0] with { ManagementIp = IPAddress.Parse($"{lan.Prefix}.17") }],
                Dhcp = new BootDhcpSubnet
                {
                    Subnet = IPNetwork.Parse($"{lan.Prefix}.0/24"),
                    PoolStart = IPAddress.Parse($"{lan.Prefix}.100"),
                    PoolEnd = IPAddress.Parse($"{lan.Prefix}.150"),
                    Router = lan.ServerAddress,
                },
            };
        }
        var server = new BootServer(new BootServerOptions
        {
            ConfigSource = new StaticBootConfigSource(config),
            // Our DHCP runs in the LAN namespace on the bridge; TFTP and HTTP answer from the veth end beside it.
            Dhcp = ourDhcp
                ? new BootDhcpHosting
                {
                    ServerAddress = IPAddress.Parse($"{lan.Prefix}.2"),
                    Interface = "br0",
                    NetworkNamespace = lan.Namespace,
                    NextServer = lan.ServerAddress,
                    ScriptBaseUrl = $"http://{lan.ServerAddress}:8080/boot/",
                }
                : null,
            Http = new BootHttpOptions { Urls = [$"http://{lan.ServerAddress}:8080"], KernelDirectory = kernels },
            Tftp = new TftpServerOptions { Root = tftpRoot, Endpoint = new IPEndPoint(lan.ServerAddress, 69) },
        });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    private static string[] NetArgs(BootLan lan, string mac, string model = "e1000") =>
        ["-netdev", $"tap,id=n0,ifname={lan.Tap},script=no,downscript=no", "-device", $"{model},netdev=n0,mac={mac}"];

    private static void AssertConsole(string expected, string console) =>
        Assert.True(console.Contains(expected, StringComparison.Ordinal), $"'{expected}' not on the console:\n{console[^Math.Min(2500, console.Length)..]}");

    private static void AssertEnded((int ExitCode, string Console, bool TimedOut) run)
    {
        Assert.False(run.TimedOut, "qemu did not reboot within the timeout:\n" + run.Console[^Math.Min(3000, run.Console.Length)..]);
    }

    [Fact]
    public async Task BiosPxe_KnownMac_BootsFromOurTftpAndHttpWithTheFarmerId()
    {
        Require.Privileged("ip", "qemu-system-x86_64", "dnsmasq");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan);
        lan.StartDnsmasq("chain.ipxe");

        var run = await QemuRun.RunAsync(lan.Namespace, ["-machine", "pc", "-boot", "n", .. NetArgs(lan, KnownMac)], QemuTimeout);

        AssertEnded(run);
        var events = server.Events.Snapshot();
        Assert.Contains(events, e => e is { Step: BootStep.LoaderFetched, Detail: "chain.ipxe" });
        var script = Assert.Single(events, e => e.Step == BootStep.ScriptFetched);
        Assert.Equal(KnownMac, script.Mac);
        Assert.Equal(ExpectedCommandLine, script.Detail);
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched && e.Mac == KnownMac);
        Assert.Contains($"Fetching http://{lan.ServerAddress}:8080/kernel/zos.efi", run.Console, StringComparison.Ordinal);
        AssertConsole("STAND-IN-KERNEL-RA", run.Console);
    }

    [Fact]
    public async Task BiosPxe_UnknownMac_GetsNothing()
    {
        Require.Privileged("ip", "qemu-system-x86_64", "dnsmasq");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan);
        lan.StartDnsmasq("chain.ipxe");

        var run = await QemuRun.RunAsync(lan.Namespace, ["-machine", "pc", "-boot", "n", .. NetArgs(lan, "52:54:00:5a:00:99")], QemuTimeout);

        AssertEnded(run);
        var events = server.Events.Snapshot();
        Assert.Contains(events, e => e is { Step: BootStep.ScriptRefused, Mac: "52:54:00:5a:00:99" });
        Assert.DoesNotContain(events, e => e.Step is BootStep.ScriptFetched or BootStep.KernelFetched);
        Assert.DoesNotContain("Fetching", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BiosPxe_OurDhcp_ReservedAddressThenScriptAndKernel()
    {
        Require.Privileged("ip", "qemu-system-x86_64");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan, ourDhcp: true);

        var run = await QemuRun.RunAsync(lan.Namespace, ["-machine", "pc", "-boot", "n", .. NetArgs(lan, KnownMac)], QemuTimeout);

        AssertEnded(run);
        var events = server.Events.Snapshot();
        Assert.Contains(events, e => e.Step == BootStep.DhcpSeen && e.Mac == KnownMac && e.Client == $"{lan.Prefix}.17");
        Assert.Equal(ExpectedCommandLine, Assert.Single(events, e => e.Step == BootStep.ScriptFetched).Detail);
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched && e.Mac == KnownMac);
        AssertConsole($"{lan.Prefix}.17/255.255.255.0", run.Console);
        AssertConsole("STAND-IN-KERNEL-RA", run.Console);
        // The node script uses the lease the ROM's iPXE got for it: no second DHCP exchange before the kernel.
        AssertConsole($"Network: net0 {lan.Prefix}.17", run.Console);
        Assert.DoesNotContain("Configuring net0", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UefiOvmf_OurDhcp_FirmwareIpxeGetsScriptAndKernelWithTheFarmerId()
    {
        Require.Privileged("ip", "qemu-system-x86_64");
        Assert.True(File.Exists("/usr/share/OVMF/OVMF_CODE.fd"), "OVMF (Debian package ovmf) is missing");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan, ourDhcp: true);
        var vars = Path.Combine(lan.Directory, "OVMF_VARS.fd");
        File.Copy("/usr/share/OVMF/OVMF_VARS.fd", vars);

        var run = await QemuRun.RunAsync(lan.Namespace,
        [
            "-machine", "q35", "-boot", "n",
            "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd", "-drive", $"if=pflash,format=raw,file={vars}",
            .. NetArgs(lan, KnownMac),
        ], TimeSpan.FromSeconds(120));

        AssertEnded(run);
        var events = server.Events.Snapshot();
        // qemu's EFI NIC ROM is itself iPXE, so our DHCP hands it the script URL at once (no ipxe.efi over TFTP here;
        // the TFTP tests fetch ipxe.efi with tftp-hpa and curl).
        Assert.Contains(events, e => e.Step == BootStep.DhcpSeen && e.Client == $"{lan.Prefix}.17");
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched && e.Mac == KnownMac);
        Assert.Equal(ExpectedCommandLine, Assert.Single(events, e => e.Step == BootStep.ScriptFetched).Detail);
        AssertConsole("STAND-IN-KERNEL-RA", run.Console);
    }

    [Theory]
    [InlineData("usb", false)]
    [InlineData("usb", true)]
    [InlineData("iso", false)]
    public async Task Media_Bios_EmbeddedScriptRunsAndRequestsTheKernel(string format, bool viaServer)
    {
        Require.Privileged("ip", "qemu-system-x86_64", "dnsmasq", "mkfs.vfat", "mcopy", "syslinux", "xorriso");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan);
        lan.StartDnsmasq("none");
        var image = Path.Combine(lan.Directory, $"medium.{format}");
        await BootMediaBuilder.BuildAsync(new BootMediaRequest
        {
            FarmId = "42",
            Runmode = "test",
            Args = ["console=ttyS0", "vlan:priv=10"],
            ServerUrl = viaServer ? $"http://{lan.ServerAddress}:8080" : null,
            KernelUrl = $"http://{lan.ServerAddress}:8080/kernel/zos.efi",
            Format = format,
            Output = image,
            FailureDelaySeconds = 1,
        }, TestContext.Current.CancellationToken);
        string[] drive = format == "iso"
            ? ["-cdrom", image, "-boot", "d"]
            : ["-drive", $"file={image},format=raw,if=ide", "-boot", "c"];

        var run = await QemuRun.RunAsync(lan.Namespace, ["-machine", "pc", .. drive, .. NetArgs(lan, KnownMac)], QemuTimeout);

        AssertEnded(run);
        Assert.Contains("Zero-OS boot: boot medium for farm 42 (test)", run.Console, StringComparison.Ordinal);
        var events = server.Events.Snapshot();
        Assert.Contains(events, e => e.Step == BootStep.KernelFetched);
        Assert.Equal(viaServer, events.Any(e => e.Step == BootStep.ScriptFetched && e.Detail == ExpectedCommandLine));
        Assert.Contains($"Fetching http://{lan.ServerAddress}:8080/kernel/zos.efi", run.Console, StringComparison.Ordinal);
        Assert.Contains("farmer_id=42", run.Console.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        AssertConsole("STAND-IN-KERNEL-RA", run.Console);
    }

    [Fact]
    public async Task Media_EfiOnOvmf_EmbeddedGrubScriptRunsAndRequestsTheKernel()
    {
        Require.Privileged("ip", "qemu-system-x86_64", "dnsmasq", "mkfs.vfat", "mcopy", "grub-mkstandalone");
        Assert.True(File.Exists("/usr/share/OVMF/OVMF_CODE.fd"), "OVMF (Debian package ovmf) is missing");
        using var lan = new BootLan();
        await using var server = await StartServerAsync(lan);
        lan.StartDnsmasq("none");
        var image = Path.Combine(lan.Directory, "medium.efi.img");
        await BootMediaBuilder.BuildAsync(new BootMediaRequest
        {
            FarmId = "42",
            Runmode = "test",
            Args = ["console=ttyS0", "vlan:priv=10"],
            KernelUrl = $"http://{lan.ServerAddress}:8080/kernel/zos.efi",
            Format = "efi",
            Output = image,
            FailureDelaySeconds = 1,
        }, TestContext.Current.CancellationToken);
        var vars = Path.Combine(lan.Directory, "OVMF_VARS.fd");
        File.Copy("/usr/share/OVMF/OVMF_VARS.fd", vars);

        var run = await QemuRun.RunAsync(lan.Namespace,
        [
            "-machine", "q35",
            "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd", "-drive", $"if=pflash,format=raw,file={vars}",
            "-drive", $"file={image},format=raw,if=ide",
            .. NetArgs(lan, KnownMac),
        ], TimeSpan.FromSeconds(180));

        // GRUB's embedded script ran from the medium: banner, the command line with the farm id, a DHCP address, and
        // the kernel request on our HTTP server. The stand-in "kernel" is not a Linux image, so `linux` refuses it,
        // the script falls through to its failure path and reboots, which ends qemu.
        AssertEnded(run);
        AssertConsole("Zero-OS boot: boot medium for farm 42 (test)", run.Console);
        // The firmware console wraps at 80 columns.
        AssertConsole("farmer_id=42 console=ttyS0", run.Console.Replace("\n", "", StringComparison.Ordinal));
        AssertConsole($"Fetching http://{lan.ServerAddress}:8080/kernel/zos.efi on efinet0", run.Console);
        AssertConsole("Zero-OS boot failed", run.Console);
        Assert.Contains(server.Events.Snapshot(), e => e.Step == BootStep.KernelFetched);
    }
}
