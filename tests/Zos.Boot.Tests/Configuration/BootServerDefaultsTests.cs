using Xunit;
using Zos.Boot.Configuration;
using Zos.Core.Primitives;

namespace Zos.Boot.Tests.Configuration;

/// <summary>What the boot server adds to the farm's configuration: the image's files, zos-registry=, the image's own arguments.</summary>
public class BootServerDefaultsTests
{
    private static readonly MacAddress Node = MacAddress.Parse("52:54:00:12:34:56");
    private const string Base = "http://10.98.0.1:8080/kernel";

    private static string Yaml(string profile = "{ runmode: test, args: [console=ttyS0] }", string extra = "") => $$"""
        farmId: 42
        profile: {{profile}}
        {{extra}}
        nodes:
          - { mac: "52:54:00:12:34:56", args: ["vlan:priv=10"] }
        """;

    private static readonly BootServerDefaults Image = new()
    {
        Kernel = "zos-node.vmlinuz",
        Initrd = "zos-node.initramfs",
        Arguments = ["console=tty0", "console=ttyS0,115200", "zos-state=auto"],
    };

    [Fact]
    public void Parse_ProfileWithoutKernel_TakesTheImagesKernelAndInitrd()
    {
        var target = BootConfigurationParser.Parse(Yaml(), "boot.yaml", Image).TargetFor(Node, Base)!;

        Assert.Equal($"{Base}/zos-node.vmlinuz", target.KernelUrl);
        Assert.Equal($"{Base}/zos-node.initramfs", target.InitrdUrl);
    }

    [Fact]
    public void Parse_ProfileNamingItsOwnFiles_KeepsThem()
    {
        var config = BootConfigurationParser.Parse(Yaml("{ runmode: test, kernel: k/vmlinuz, initrd: \"http://192.0.2.7/initrd.gz\" }"), "boot.yaml", Image);

        var target = config.TargetFor(Node, Base)!;

        Assert.Equal($"{Base}/k/vmlinuz", target.KernelUrl);
        Assert.Equal("http://192.0.2.7/initrd.gz", target.InitrdUrl);
    }

    [Fact]
    public void Parse_NoImageAndNoKernel_IsStillAnError()
    {
        var e = Assert.Throws<BootConfigurationException>(() => BootConfigurationParser.Parse(Yaml(), "boot.yaml"));

        Assert.Contains("profile.kernel: missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadInitrd_NamesTheFieldAndValue()
    {
        var e = Assert.Throws<BootConfigurationException>(() =>
            BootConfigurationParser.Parse(Yaml("{ runmode: test, kernel: zos.efi, initrd: ../../etc/shadow }"), "boot.yaml"));

        Assert.Equal("boot.yaml: error: profile.initrd: '../../etc/shadow' must be a relative path inside the kernel directory, without '..'", e.Message);
    }

    [Fact]
    public void TargetFor_ImageArguments_FollowTheFarmsAndSkipWhatTheFarmSets()
    {
        var config = BootConfigurationParser.Parse(Yaml(), "boot.yaml", Image with { RegistryUrl = "http://10.98.0.1:8081" });

        var target = config.TargetFor(Node, Base)!;

        // The farm's console=ttyS0 stays the only console; the registry and the state policy are added.
        Assert.Equal("nomodeset version=v3 runmode=test panic=7200 farmer_id=42 console=ttyS0 vlan:priv=10 zos-registry=http://10.98.0.1:8081 zos-state=auto",
            target.CommandLine);
    }

    [Fact]
    public void TargetFor_RegistryInTheFile_IsToldToNodes()
    {
        var config = BootConfigurationParser.Parse(Yaml(profile: "{ runmode: test, kernel: zos.efi }", extra: "registry: http://10.98.0.1:8081"), "boot.yaml");

        Assert.EndsWith("vlan:priv=10 zos-registry=http://10.98.0.1:8081", config.TargetFor(Node, Base)!.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetFor_ServerRegistryAndFileRegistry_TheServersWins()
    {
        var config = BootConfigurationParser.Parse(Yaml(profile: "{ runmode: test, kernel: zos.efi }", extra: "registry: http://10.98.0.1:8081"), "boot.yaml",
            new BootServerDefaults { RegistryUrl = "http://10.98.0.2:9000" });

        Assert.EndsWith(" zos-registry=http://10.98.0.2:9000", config.TargetFor(Node, Base)!.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetFor_FarmArgsCarryARegistry_TheFarmsStays()
    {
        var config = BootConfigurationParser.Parse(Yaml(profile: "{ runmode: test, kernel: zos.efi, args: [\"zos-registry=http://192.0.2.9\"] }"), "boot.yaml",
            new BootServerDefaults { RegistryUrl = "http://10.98.0.2:9000" });

        var line = config.TargetFor(Node, Base)!.CommandLine;

        Assert.Contains("zos-registry=http://192.0.2.9", line, StringComparison.Ordinal);
        Assert.DoesNotContain("10.98.0.2", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegistryThatIsNotAUrl_NamesTheFieldAndValue()
    {
        var e = Assert.Throws<BootConfigurationException>(() =>
            BootConfigurationParser.Parse(Yaml(profile: "{ runmode: test, kernel: zos.efi }", extra: "registry: \"http://r/${x}\""), "boot.yaml"));

        Assert.Equal("boot.yaml: error: registry: URL 'http://r/${x}' contains '$'", e.Message);
    }
}
