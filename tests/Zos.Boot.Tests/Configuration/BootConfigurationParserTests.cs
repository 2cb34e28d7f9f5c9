using System.Net;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Core.Primitives;

namespace Zos.Boot.Tests.Configuration;

public class BootConfigurationParserTests
{
    private const string Valid = """
        farmId: 42
        profile:
          runmode: test
          kernel: net/test.efi
          args: [console=ttyS0]
        unknownMacs: orphan
        nodes:
          - mac: 52-54-00-12-34-56
            name: node-1
            args: ["vlan:priv=10"]
            managementIp: 10.10.0.11
          - mac: 525400123457
        """;

    [Fact]
    public void Parse_ValidYaml_GivesTheFarmProfileAndNodes()
    {
        var config = BootConfigurationParser.Parse(Valid, "boot.yaml");

        Assert.Equal(42u, config.FarmId);
        Assert.Equal("test", config.Profile.Runmode);
        Assert.Equal("net/test.efi", config.Profile.Kernel);
        Assert.Equal(UnknownMacPolicy.Orphan, config.UnknownMacs);
        Assert.Equal(2, config.Nodes.Count);
        var node = config.Find(MacAddress.Parse("52:54:00:12:34:56"))!;
        Assert.Equal(["vlan:priv=10"], node.Args);
        Assert.Equal(IPAddress.Parse("10.10.0.11"), node.ManagementIp);
    }

    [Fact]
    public void Parse_Json_IsAcceptedToo()
    {
        var config = BootConfigurationParser.Parse("""{"farmId": "7", "profile": {"runmode": "prod", "kernel": "zos.efi"}, "nodes": [{"mac": "aa:bb:cc:dd:ee:01"}]}""", "boot.json");

        Assert.Equal(7u, config.FarmId);
        Assert.Equal(UnknownMacPolicy.Ignore, config.UnknownMacs);
    }

    [Fact]
    public void TargetFor_KnownNode_CombinesProfileAndNodeArgsAndServesTheKernelLocally()
    {
        var config = BootConfigurationParser.Parse(Valid, "boot.yaml");

        var target = config.TargetFor(MacAddress.Parse("52:54:00:12:34:56"), "http://10.0.0.1:8080/kernel")!;

        Assert.Equal("http://10.0.0.1:8080/kernel/net/test.efi", target.KernelUrl);
        Assert.Equal("nomodeset version=v3 runmode=test panic=7200 farmer_id=42 console=ttyS0 vlan:priv=10", target.CommandLine);
    }

    [Fact]
    public void TargetFor_UnknownMac_IsOrphanUnderTheOrphanPolicyAndNothingOtherwise()
    {
        var orphan = BootConfigurationParser.Parse(Valid, "boot.yaml");
        var ignore = orphan with { UnknownMacs = UnknownMacPolicy.Ignore };
        var stranger = MacAddress.Parse("02:00:00:00:00:99");

        Assert.Null(orphan.TargetFor(stranger, "http://h/kernel")!.FarmId);
        Assert.Null(ignore.TargetFor(stranger, "http://h/kernel"));
    }

    [Fact]
    public void Parse_BadValues_ReportsEveryProblemWithFieldAndValue()
    {
        const string bad = """
            farmId: 4x2
            profile: { runmode: production, kernel: ../zos.efi, args: ["a;reboot"] }
            unknownMacs: maybe
            nodes:
              - { mac: "52:54:00:12:34", managementIp: 10.0.0.300 }
              - { mac: "52:54:00:12:34:56", managementIp: 10.0.0.1 }
              - { mac: "525400123456", managementIp: 10.0.0.1 }
              - { mac: "01:00:5e:00:00:01" }
            """;

        var e = Assert.Throws<BootConfigurationException>(() => BootConfigurationParser.Parse(bad, "bad.yaml"));

        Assert.Equal(
        [
            "error: farmId: '4x2' is not a positive integer",
            "error: profile.runmode: 'production' is not a runmode (expected one of dev, qa, test, prod)",
            "error: profile.kernel: '../zos.efi' must be a relative path inside the kernel directory, without '..'",
            "error: profile.args[0]: kernel argument 'a;reboot' contains ';' (allowed: letters, digits and -_.:=,/+@%~)",
            "error: unknownMacs: 'maybe' is not a policy (expected ignore or orphan)",
            "error: nodes[0].mac: '52:54:00:12:34' is not a MAC address",
            "error: nodes[2].mac: '525400123456' is already listed at nodes[1]",
            "error: nodes[2].managementIp: '10.0.0.1' is already reserved for nodes[1]",
            "error: nodes[3].mac: '01:00:5e:00:00:01' is a multicast address, not a NIC's",
        ], e.Errors.Select(x => x.ToString()));
        Assert.StartsWith("bad.yaml: error: farmId:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFarmAndProfile_AreNamed()
    {
        var e = Assert.Throws<BootConfigurationException>(() => BootConfigurationParser.Parse("nodes: []", "x.yaml"));

        Assert.Equal(["error: farmId: missing (the farm these nodes boot into, a positive integer)", "error: profile: missing (runmode and kernel)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Parse_UnknownField_IsAnErrorWithItsLine()
    {
        var e = Assert.Throws<BootConfigurationException>(() => BootConfigurationParser.Parse("farmId: 1\nfarmid: 2\n", "x.yaml"));

        Assert.Equal("line 2", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public async Task FileSource_MissingFile_NamesThePath()
    {
        var e = await Assert.ThrowsAsync<BootConfigurationException>(() => new FileBootConfigSource("/nonexistent/boot.yaml").LoadAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("/nonexistent/boot.yaml: cannot read the boot configuration:", e.Message, StringComparison.Ordinal);
    }
}
