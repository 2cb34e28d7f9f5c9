using Xunit;

namespace Zos.Packaging.Tests;

/// <summary>The test's reading of ExecStart follows systemd's rules, or the services would run differently under it.</summary>
public sealed class SystemdUnitTests
{
    private static readonly Dictionary<string, string> s_environment = new(StringComparer.Ordinal)
    {
        ["URLS"] = "http://127.0.0.1:1 http://[::1]:1",
        ["OPTIONS"] = "--config /etc/zos/boot.yaml  --http http://0.0.0.0:8080",
        ["EMPTY"] = "",
    };

    [Theory]
    [InlineData("/usr/bin/zos serve --urls ${URLS}", new[] { "/usr/bin/zos", "serve", "--urls", "http://127.0.0.1:1 http://[::1]:1" })]
    [InlineData("/usr/bin/zos serve $OPTIONS", new[] { "/usr/bin/zos", "serve", "--config", "/etc/zos/boot.yaml", "--http", "http://0.0.0.0:8080" })]
    [InlineData("/usr/bin/zos serve $EMPTY --x", new[] { "/usr/bin/zos", "serve", "--x" })]
    [InlineData("/usr/bin/zos --data=${EMPTY}/var/lib/x $UNSET", new[] { "/usr/bin/zos", "--data=/var/lib/x" })]
    public void ExpandCommandLine_SystemdRules_BracedIsOneWordBareIsSplit(string execStart, string[] expected) =>
        Assert.Equal(expected, SystemdUnit.ExpandCommandLine(execStart, s_environment));

    [Fact]
    public void Load_ShippedRegistryUnit_ReadsTheServiceSection()
    {
        var unit = SystemdUnit.Load(Path.Combine(ReleasePackage.RepositoryRoot, "packaging", "systemd", "zos-registry.service"));

        Assert.Equal(("zos", "zos", "notify"), (unit.User, unit.Group, unit.Value("Type")));
        Assert.Equal(["/etc/zos/registry.env"], unit.EnvironmentFiles);
        Assert.Equal(["zos-registry"], unit.StateDirectories);
        Assert.Equal(["net_bind_service"], unit.AmbientCapabilities);
        Assert.Equal("/var/cache/zos-registry", unit.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"]);
    }
}
