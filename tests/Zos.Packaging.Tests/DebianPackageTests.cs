using Xunit;
using Zos.Testing;

namespace Zos.Packaging.Tests;

/// <summary>The .deb as a file (issue 17): what it holds and what lintian says of it. No root needed.</summary>
public sealed class DebianPackageTests
{
    [Fact]
    public async Task Lintian_Package_NoErrors()
    {
        Require.Tools("lintian", "dpkg-deb");
        var deb = await ReleasePackage.DebAsync();

        var lintian = Sh.Run("lintian", ["--tag-display-limit", "0", deb], TimeSpan.FromMinutes(5));

        // Exit 2: lintian itself failed (not a verdict on the package).
        Assert.True(lintian.ExitCode is 0 or 1, $"lintian failed to run ({lintian.ExitCode}): {lintian.StdErr}");
        var errors = lintian.StdOut.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "lintian errors:\n" + string.Join('\n', errors));
    }

    [Fact]
    public async Task Contents_ServersUnitsAndConfiguration_WhereTheUnitsLookForThem()
    {
        Require.Tools("dpkg-deb");
        var deb = await ReleasePackage.DebAsync();

        var listing = Sh.Run("dpkg-deb", "--contents", deb).EnsureSuccess("dpkg-deb --contents").StdOut;
        var conffiles = Sh.Run("dpkg-deb", "--info", deb, "conffiles").EnsureSuccess("dpkg-deb --info conffiles").StdOut;
        var depends = Sh.Run("dpkg-deb", "--field", deb, "Depends").EnsureSuccess("dpkg-deb --field Depends").StdOut;

        var files = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var zos = Assert.Single(files, f => f[^1] == "./usr/bin/zos");
        Assert.Equal("-rwxr-xr-x", zos[0]);
        Assert.Equal("root/root", zos[1]);
        foreach (var path in (string[])["./lib/systemd/system/zos-registry.service", "./lib/systemd/system/zos-boot.service",
                     "./etc/zos/registry.env", "./etc/zos/boot.env", "./etc/zos/boot.yaml", "./usr/share/doc/zos/copyright"])
            Assert.Contains(files, f => f[^1] == path);
        Assert.Equal(["/etc/zos/registry.env", "/etc/zos/boot.env", "/etc/zos/boot.yaml"], conffiles.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The boot server stages Debian's iPXE loaders; HTTPS needs OpenSSL; postinst makes the user with adduser.
        foreach (var package in (string[])["ipxe", "libssl3", "adduser"])
            Assert.Contains(package, depends.Split(',').Select(d => d.Trim().Split(' ')[0]));
    }
}
