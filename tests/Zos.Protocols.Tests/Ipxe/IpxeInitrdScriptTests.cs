using Xunit;
using Zos.Protocols.Ipxe;

namespace Zos.Protocols.Tests.Ipxe;

/// <summary>The Zos node image: a kernel and an initramfs fetched and booted by the node and media scripts.</summary>
public class IpxeInitrdScriptTests
{
    private const string Kernel = "http://10.98.0.1:8080/kernel/zos-node.vmlinuz";
    private const string Initrd = "http://10.98.0.1:8080/kernel/zos-node.initramfs";

    private static IpxeBootTarget Target(string? initrd = Initrd) => new()
    {
        KernelUrl = Kernel,
        InitrdUrl = initrd,
        Runmode = "test",
        FarmId = 42,
        ExtraArguments = ["zos-registry=http://10.98.0.1:8081", "console=ttyS0,115200"],
        Retries = 2,
        FailureDelaySeconds = 5,
    };

    private static string[] Lines(string script) => script.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void NodeScript_WithInitrd_KernelNamesTheInitrdThenInitrdThenBoot()
    {
        var lines = Lines(IpxeScriptRenderer.NodeScript(Target(), "node-1"));
        var fetch = Array.IndexOf(lines, ":fetch_kernel");

        Assert.Equal(
        [
            ":fetch_kernel",
            $"echo Fetching {Kernel}",
            $"kernel --name zos {Kernel} initrd=zos-node.initramfs nomodeset version=v3 runmode=test panic=7200 farmer_id=42 zos-registry=http://10.98.0.1:8081 console=ttyS0,115200 || goto fetch_failed",
            $"echo Fetching {Initrd}",
            $"initrd --name zos-node.initramfs {Initrd} || goto fetch_failed",
            "imgstat ||",
            "boot zos || goto no_kernel",
            ":fetch_failed",
            "imgfree zos ||",
            "imgfree zos-node.initramfs ||",
            "inc tries",
            "iseq ${tries} 2 && goto no_kernel || goto fetch_kernel",
        ], lines[fetch..(fetch + 12)]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Scripts_WithInitrd_EveryFallibleCommandHasAFallback(bool media)
    {
        var script = media ? IpxeScriptRenderer.MediaScript(Target(), "http://192.0.2.1:8080", "m") : IpxeScriptRenderer.NodeScript(Target(), "n");
        string[] fallible = ["kernel", "initrd", "imgfetch", "imgexec", "boot", "dhcp", "chain", "sleep", "imgstat", "imgfree", "ifclose"];

        var commands = Lines(script).Where(l => fallible.Contains(l.Split(' ')[0])).ToList();

        Assert.Contains(commands, l => l.StartsWith("initrd ", StringComparison.Ordinal));
        Assert.All(commands, l => Assert.Contains("||", l, StringComparison.Ordinal));
    }

    [Fact]
    public void MediaScript_WithInitrd_FetchesBothAfterTheChainPass()
    {
        var lines = Lines(IpxeScriptRenderer.MediaScript(Target(), "http://192.0.2.1:8080", "m"));

        Assert.True(Array.IndexOf(lines, ":chain_done") < Array.FindIndex(lines, l => l.StartsWith("initrd --name zos-node.initramfs ", StringComparison.Ordinal)));
        Assert.Contains("boot zos || goto no_kernel", lines);
    }

    [Fact]
    public void Scripts_WithInitrd_EveryGotoHasItsLabel()
    {
        var lines = Lines(IpxeScriptRenderer.MediaScript(Target(), "http://192.0.2.1:8080", "m") + IpxeScriptRenderer.NodeScript(Target(), "n"));
        var labels = lines.Where(l => l.StartsWith(':')).Select(l => l[1..]).ToHashSet();

        var targets = lines.SelectMany(l => l.Split(' ').Zip(l.Split(' ').Skip(1))).Where(p => p.First == "goto").Select(p => p.Second).ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Contains(t, labels));
    }

    [Fact]
    public void NodeScript_WithoutInitrd_KeepsTheSingleKernelFetch()
    {
        var script = IpxeScriptRenderer.NodeScript(Target(initrd: null), "n");

        Assert.Contains($"imgfetch --name zos {Kernel} nomodeset ", script, StringComparison.Ordinal);
        Assert.DoesNotContain("initrd", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.98.0.1/kernel/zos-node.initramfs", "zos-node.initramfs")]
    [InlineData("http://10.98.0.1/images/initrd.gz?v=2", "initrd.gz")]
    [InlineData("http://10.98.0.1/kernel/", IpxeBootTarget.FallbackInitrdName)]
    [InlineData("http://10.98.0.1/kernel/a+b", IpxeBootTarget.FallbackInitrdName)]
    public void InitrdName_IsTheUrlsFileNameWhenPlain(string url, string expected)
    {
        Assert.Equal(expected, Target(url).InitrdName);
    }

    [Fact]
    public void Validate_BadInitrdUrl_NamesTheFieldAndValue()
    {
        var errors = Target("ftp://10.98.0.1/zos-node.initramfs").Validate("profile");

        Assert.Equal(["error: profile.initrdUrl: 'ftp://10.98.0.1/zos-node.initramfs' is not an absolute http:// or https:// URL"], errors.Select(e => e.ToString()));
    }
}
