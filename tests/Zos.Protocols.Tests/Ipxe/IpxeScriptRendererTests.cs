using Xunit;
using Zos.Protocols.Ipxe;

namespace Zos.Protocols.Tests.Ipxe;

public class IpxeScriptRendererTests
{
    private static IpxeBootTarget Target(uint? farm = 42, params string[] args) => new()
    {
        KernelUrl = "http://10.98.0.1:8080/kernel/zos.efi",
        Runmode = "test",
        FarmId = farm,
        ExtraArguments = args,
    };

    private static string[] Lines(string script) => script.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void CommandLine_KnownNode_HasVersionRunmodeFarmAndNodeArgsInOrder()
    {
        Assert.Equal("nomodeset version=v3 runmode=test panic=7200 farmer_id=42 vlan:priv=10 console=ttyS0",
            Target(42, "vlan:priv=10", "console=ttyS0").CommandLine);
    }

    [Fact]
    public void CommandLine_Orphan_HasNoFarmerId()
    {
        Assert.Equal("nomodeset version=v3 runmode=test panic=7200", Target(null).CommandLine);
    }

    [Fact]
    public void NodeScript_StartsWithShebangAndFetchesTheKernelWithTheCommandLine()
    {
        var lines = Lines(IpxeScriptRenderer.NodeScript(Target(42, "vlan:priv=10"), "node-1"));

        Assert.Equal("#!ipxe", lines[0]);
        Assert.Contains("imgfetch --name zos http://10.98.0.1:8080/kernel/zos.efi nomodeset version=v3 runmode=test panic=7200 farmer_id=42 vlan:priv=10 || goto fetch_failed", lines);
        Assert.Contains("imgexec zos || goto no_kernel", lines);
    }

    [Fact]
    public void NodeScript_LoopsOverNicsWithDhcpAndRetriesTheRound()
    {
        var lines = Lines(IpxeScriptRenderer.NodeScript(Target() with { Retries = 5 }, "n"));

        Assert.Contains("isset ${net${idx}/mac} || goto nic_round_done", lines);
        Assert.Contains("dhcp net${idx} || goto nic_skip", lines);
        Assert.Contains("isset ${net${idx}/gateway} || goto nic_skip", lines);
        Assert.Contains("iseq ${round} 5 && goto no_dhcp || goto nic_round", lines);
        Assert.Contains("iseq ${tries} 5 && goto no_kernel || goto fetch_kernel", lines);
    }

    [Fact]
    public void NodeScript_UsesANicThatAlreadyHasItsLeaseBeforeAnyDhcp()
    {
        var lines = Lines(IpxeScriptRenderer.NodeScript(Target(), "n")).ToList();

        var reuse = lines.IndexOf("isset ${net${idx}/ip} && isset ${net${idx}/gateway} && goto got_net ||");
        Assert.True(reuse >= 0, "no check for a NIC that is already configured");
        Assert.True(reuse < lines.FindIndex(l => l.StartsWith("dhcp ", StringComparison.Ordinal)), "DHCP runs before the configured NIC is looked for");
        Assert.True(lines.IndexOf(":lease_none") > reuse, "the lease loop has no way out to DHCP");
    }

    [Fact]
    public void NodeScript_EveryFailureEndsInRebootAfterThePause()
    {
        var lines = Lines(IpxeScriptRenderer.NodeScript(Target() with { FailureDelaySeconds = 7 }, "n"));

        Assert.Equal(["echo Rebooting in 7 seconds", "sleep 7 ||", "reboot"], lines[^3..]);
        foreach (var label in new[] { "no_nic", "no_dhcp", "no_kernel", "reboot" })
            Assert.Contains($":{label}", lines);
    }

    [Fact]
    public void NodeScript_EveryGotoHasItsLabel()
    {
        var script = IpxeScriptRenderer.MediaScript(Target(), "http://192.0.2.1:8080", "m") + IpxeScriptRenderer.NodeScript(Target(), "n");
        var lines = Lines(script);
        var labels = lines.Where(l => l.StartsWith(':')).Select(l => l[1..]).ToHashSet();

        var targets = lines.SelectMany(l => l.Split(' ').Zip(l.Split(' ').Skip(1))).Where(p => p.First == "goto").Select(p => p.Second);

        Assert.All(targets, t => Assert.Contains(t, labels));
    }

    [Fact]
    public void MediaScript_WithServer_ChainsToTheServerForEachNicMac()
    {
        var lines = Lines(IpxeScriptRenderer.MediaScript(Target(), "http://192.0.2.1:8080/", "farm 42"));

        Assert.Contains("chain --autofree http://192.0.2.1:8080/boot/${net${idx}/mac:hexhyp} || goto chain_next", lines);
        Assert.Contains(lines, l => l.StartsWith("imgfetch --name zos http://10.98.0.1:8080/kernel/zos.efi ", StringComparison.Ordinal));
    }

    [Fact]
    public void MediaScript_WithoutServer_FetchesTheKernelDirectly()
    {
        var script = IpxeScriptRenderer.MediaScript(Target(), null, "farm 42");

        Assert.DoesNotContain("chain", script, StringComparison.Ordinal);
        Assert.Contains("farmer_id=42", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console=ttyS0\nreboot", "args[0]: kernel argument 'console=ttyS0\\u000areboot' contains a newline (allowed: letters, digits and -_.:=,/+@%~)")]
    [InlineData("a${net0/mac}", "args[0]: kernel argument 'a${net0/mac}' contains '$' (allowed: letters, digits and -_.:=,/+@%~)")]
    [InlineData("x||shell", "args[0]: kernel argument 'x||shell' contains '|' (allowed: letters, digits and -_.:=,/+@%~)")]
    [InlineData("a b", "args[0]: kernel argument 'a b' contains a space (allowed: letters, digits and -_.:=,/+@%~)")]
    public void NodeScript_SmuggledArguments_AreRefusedWithTheValue(string arg, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => IpxeScriptRenderer.NodeScript(Target(42, arg), "n"));

        Assert.StartsWith("error: " + expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://x/zos.efi", "'ftp://x/zos.efi' is not an absolute http:// or https:// URL")]
    [InlineData("http://x/zos.efi && shell", "URL 'http://x/zos.efi && shell' contains a space")]
    [InlineData("http://x/${mac}", "URL 'http://x/${mac}' contains '$'")]
    public void UrlProblem_UnsafeUrls_AreNamed(string url, string expected)
    {
        Assert.Equal(expected, IpxeSafeText.UrlProblem(url));
    }

    [Fact]
    public void Validate_UnknownRunmodeAndFarmZero_AreReportedWithValues()
    {
        var errors = (Target(0) with { Runmode = "production" }).Validate();

        Assert.Equal(
            ["error: runmode: unknown runmode 'production' (expected one of dev, qa, test, prod)", "error: farmId: farm id 0 is not a farm (farm ids are positive integers)"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void NodeScript_DescriptionWithMetacharacters_IsNeutralisedInEcho()
    {
        var script = IpxeScriptRenderer.NodeScript(Target(), "evil ${x} || reboot\nshell");

        Assert.Contains("echo Zero-OS boot: evil _{x} __ reboot_shell", script, StringComparison.Ordinal);
    }
}
