using Xunit;
using Zos.Core.Cmdline;
using Zos.Core.Primitives;

namespace Zos.Core.Tests.Cmdline;

public class BootParametersParserTests
{
    [Fact]
    public void Parse_TypicalBootLine_ReadsEverything()
    {
        var r = BootParametersParser.Parse(
            "nomodeset version=v3 runmode=test panic=7200 farmer_id=1234 vlan:priv=100 vlan:pub=200 pub:mac=random zos-debug " +
            "zos-registry=http://10.0.0.2:8080/ zos-mgmt-mac=52-54-00-AA-BB-CC console=ttyS0\n");
        Assert.True(r.Success);
        Assert.Empty(r.Errors);
        var p = r.Parameters;
        Assert.Equal(1234u, p.FarmId);
        Assert.False(p.IsOrphan);
        Assert.Equal(RunMode.Test, p.RunMode);
        Assert.Equal("v3", p.Raw.Last("version"));
        Assert.Equal((ushort)100, p.PrivateVlan);
        Assert.Equal((ushort)200, p.PublicVlan);
        Assert.True(p.Raw.Has("zos-debug"));
        Assert.Equal(new Uri("http://10.0.0.2:8080/"), p.Registry);
        Assert.Equal(new Uri("http://10.0.0.2:8080/"), p.EffectiveRegistry);
        Assert.False(p.RegistryIsDefault);
        Assert.Equal(MacAddress.Parse("52:54:00:aa:bb:cc"), p.ManagementMac);
        Assert.Equal("ttyS0", p.Raw.Last("console"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("runmode=dev")]
    [InlineData("farmer_id")]
    [InlineData("farmer_id=")]
    public void Parse_NoFarmerId_IsOrphanWithoutError(string line)
    {
        var r = BootParametersParser.Parse(line);
        Assert.True(r.Parameters.IsOrphan);
        Assert.Empty(r.Errors);
    }

    [Fact]
    public void Parse_Defaults()
    {
        var p = BootParametersParser.Parse("").Parameters;
        Assert.Null(p.RunMode);
        Assert.Equal(RunMode.Prod, p.EffectiveRunMode);
        Assert.Null(p.PrivateVlan);
        Assert.Null(p.ProbeTargets);
        Assert.Null(p.Registry);
    }

    [Theory]
    [InlineData("farmer_id=7 runmode=dev", "https://registry.dev.zos.network/")]
    [InlineData("farmer_id=7 runmode=qa", "https://registry.qa.zos.network/")]
    [InlineData("farmer_id=7 runmode=testing", "https://registry.test.zos.network/")]
    [InlineData("farmer_id=7 runmode=prod", "https://registry.zos.network/")]
    [InlineData("farmer_id=7", "https://registry.zos.network/")]
    [InlineData("runmode=dev", "https://registry.dev.zos.network/")]
    public void Parse_NoRegistry_UsesTheRunModesDefault(string line, string expected)
    {
        var r = BootParametersParser.Parse(line);
        Assert.Empty(r.Errors);
        Assert.Null(r.Parameters.Registry);
        Assert.True(r.Parameters.RegistryIsDefault);
        Assert.Equal(new Uri(expected), r.Parameters.EffectiveRegistry);
    }

    [Fact]
    public void Parse_BadRegistry_ReportedAndTheRunModesDefaultUsed()
    {
        var r = BootParametersParser.Parse("farmer_id=7 runmode=qa zos-registry=registry:8080");
        Assert.Equal(["zos-registry"], r.Errors.Select(e => e.Path));
        Assert.True(r.Parameters.RegistryIsDefault);
        Assert.Equal(new Uri("https://registry.qa.zos.network/"), r.Parameters.EffectiveRegistry);
    }

    [Fact]
    public void DefaultRegistry_EveryRunModeHasItsOwnHttpsRegistryUnderOneDomain()
    {
        var registries = Enum.GetValues<RunMode>().Select(RunModes.DefaultRegistry).ToList();
        Assert.Equal(registries.Count, registries.Distinct().Count());
        Assert.All(registries, u =>
        {
            Assert.Equal(Uri.UriSchemeHttps, u.Scheme);
            Assert.EndsWith("." + RunModes.RegistryDomain, u.Host, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Parse_RepeatedFarmerId_LastWins() =>
        Assert.Equal(9u, BootParametersParser.Parse("farmer_id=1 farmer_id=9").Parameters.FarmId);

    [Theory]
    [InlineData("dev", RunMode.Dev)]
    [InlineData("development", RunMode.Dev)]
    [InlineData("qa", RunMode.Qa)]
    [InlineData("testing", RunMode.Test)]
    [InlineData("production", RunMode.Prod)]
    [InlineData("PROD", RunMode.Prod)]
    public void Parse_RunModeSpellings(string value, RunMode expected) =>
        Assert.Equal(expected, BootParametersParser.Parse("runmode=" + value).Parameters.RunMode);

    [Theory]
    [InlineData("none")]
    [InlineData("untagged")]
    [InlineData("un")]
    [InlineData("")]
    public void Parse_VlanUntaggedSpellings_MeanNoVlan(string value)
    {
        var r = BootParametersParser.Parse($"vlan:priv={value} vlan:pub={value}");
        Assert.Empty(r.Errors);
        Assert.Null(r.Parameters.PrivateVlan);
        Assert.Null(r.Parameters.PublicVlan);
    }

    [Theory]
    [InlineData("1", (ushort)1)]
    [InlineData("4094", (ushort)4094)]
    public void Parse_VlanBounds_Accepted(string value, ushort expected) =>
        Assert.Equal(expected, BootParametersParser.Parse("vlan:priv=" + value).Parameters.PrivateVlan);

    [Theory]
    [InlineData("farmer_id=abc", "farmer_id", "farmer_id=abc is not a farm id: expected a whole number from 1 to 4294967295; the node comes up as an orphan")]
    [InlineData("farmer_id=-3", "farmer_id", "farmer_id=-3 is not a farm id: expected a whole number from 1 to 4294967295; the node comes up as an orphan")]
    [InlineData("farmer_id=4294967296", "farmer_id", "farmer_id=4294967296 is not a farm id: expected a whole number from 1 to 4294967295; the node comes up as an orphan")]
    [InlineData("runmode=staging", "runmode", "runmode=staging is not a run mode: expected dev, qa, test or prod (or development, testing, production)")]
    [InlineData("vlan:priv=0", "vlan:priv", "vlan:priv=0 is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN")]
    [InlineData("vlan:pub=4095", "vlan:pub", "vlan:pub=4095 is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN")]
    [InlineData("vlan:priv=ten", "vlan:priv", "vlan:priv=ten is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN")]
    [InlineData("pub:mac=fixed", "pub:mac", "pub:mac=fixed is not a public MAC policy: expected random; using random")]
    [InlineData("pub:mac=swap", "pub:mac", "pub:mac=swap is not supported by Zos: the public side keeps its MAC derived from the node id (pub:mac=random)")]
    [InlineData("zos-probe=registry:443", "zos-probe", "zos-probe=registry:443 names no usable target: expected IPV4:PORT, [IPV6]:PORT or IPV6.PORT with a port 1-65535; using the run mode's default targets")]
    [InlineData("zos-registry=ftp://x/", "zos-registry", "zos-registry=ftp://x/ is not a registry URL: expected an absolute http:// or https:// URL")]
    [InlineData("zos-registry=registry:8080", "zos-registry", "zos-registry=registry:8080 is not a registry URL: expected an absolute http:// or https:// URL")]
    [InlineData("zos-mgmt-mac=zz:zz", "zos-mgmt-mac", "zos-mgmt-mac=zz:zz is not a NIC's MAC address: expected six hex bytes of a unicast address, e.g. 52:54:00:12:34:56")]
    [InlineData("zos-mgmt-mac=01:00:5e:00:00:01", "zos-mgmt-mac", "zos-mgmt-mac=01:00:5e:00:00:01 is not a NIC's MAC address: expected six hex bytes of a unicast address, e.g. 52:54:00:12:34:56")]
    [InlineData("zos-farm-token=hunter2", "zos-farm-token", "zos-farm-token= is not a farm enrollment token (7 characters, starting 'hunt'): expected 'zft_' and 43 base64url characters, as `zos farm token create` prints; the node registers without it and waits for the farmer's approval")]
    [InlineData("a=\"b", "cmdline", "kernel command line has an unterminated double quote at position 2; split on spaces instead")]
    public void Parse_BadValue_ClearErrorNamingParameterAndValue(string line, string path, string message)
    {
        var r = BootParametersParser.Parse(line);
        var error = Assert.Single(r.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
        Assert.True(error.IsError);
        Assert.False(r.Success);
    }

    [Fact]
    public void Parse_FarmZero_WarnsAndOrphan()
    {
        var r = BootParametersParser.Parse("farmer_id=0");
        var w = Assert.Single(r.Errors);
        Assert.False(w.IsError);
        Assert.Equal("farmer_id=0 is not a farm (farm ids start at 1); the node comes up as an orphan", w.Message);
        Assert.True(r.Parameters.IsOrphan);
        Assert.True(r.Success);
    }

    [Fact]
    public void Parse_SeveralBadValues_AllReportedOthersKept()
    {
        var r = BootParametersParser.Parse("farmer_id=x runmode=qa vlan:priv=9999 vlan:pub=7 zos-registry=nope");
        Assert.Equal(["farmer_id", "vlan:priv", "zos-registry"], r.Errors.Select(e => e.Path));
        Assert.Equal(RunMode.Qa, r.Parameters.RunMode);
        Assert.Equal((ushort)7, r.Parameters.PublicVlan);
        Assert.Null(r.Parameters.PrivateVlan);
    }

    [Fact]
    public void Parse_NullInput_NoThrow() => Assert.True(BootParametersParser.Parse(null).Parameters.IsOrphan);

    [Fact]
    public void Parse_FarmToken_KeptAsGivenLastOneWins()
    {
        const string first = "zft_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCDe";
        const string last = "zft_ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-ZyXWv";
        var r = BootParametersParser.Parse($"farmer_id=7 zos-farm-token={first} zos-farm-token={last}");
        Assert.Empty(r.Errors);
        Assert.Equal(last, r.Parameters.FarmToken);
        Assert.Null(BootParametersParser.Parse("farmer_id=7").Parameters.FarmToken);
    }

    [Fact]
    public void Parse_ZosProbe_TargetsInOrder_BadEntriesNamedAndLeftOut()
    {
        var r = BootParametersParser.Parse("runmode=dev zos-probe=198.51.100.7:443,[2001:db8::53]:53,nohost:80,2001:db8::35.443");
        var error = Assert.Single(r.Errors);
        Assert.Equal("zos-probe", error.Path);
        Assert.Equal("zos-probe= entry 'nohost:80' is not IPV4:PORT, [IPV6]:PORT or IPV6.PORT with a port 1-65535; left out", error.Message);
        Assert.Equal(["198.51.100.7:443", "[2001:db8::53]:53", "[2001:db8::35]:443"], r.Parameters.EffectiveProbeTargets.Select(t => t.ToString()));
    }

    [Theory]
    [InlineData("runmode=dev")]
    [InlineData("runmode=qa")]
    [InlineData("runmode=test")]
    [InlineData("")]
    public void Parse_NoZosProbe_RunModeDefaults_BothFamilies_NeverTheRegistry(string line)
    {
        var p = BootParametersParser.Parse(line + " zos-registry=http://1.1.1.1:443/").Parameters;
        var targets = p.EffectiveProbeTargets;
        Assert.Equal(InternetProbeTargets.Default(p.EffectiveRunMode), targets);
        Assert.Contains(targets, t => t.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        Assert.Contains(targets, t => t.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        Assert.Contains("1.1.1.1:443", targets.Select(t => t.ToString()));
        Assert.Contains("[2606:4700:4700::1111]:443", targets.Select(t => t.ToString()));
    }

    [Fact]
    public void Parse_ZosDebugVm_WarnsThatItHasNoEffect()
    {
        var r = BootParametersParser.Parse("zos-debug-vm");
        var w = Assert.Single(r.Errors);
        Assert.False(w.IsError);
        Assert.Equal("zos-debug-vm", w.Path);
        Assert.Contains("no effect", w.Message, StringComparison.Ordinal);
    }
}
