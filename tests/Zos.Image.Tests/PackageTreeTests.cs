using Xunit;
using Zos.Image.Build;

namespace Zos.Image.Tests;

public sealed class PackageTreeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("zos-pkgtree-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Absolute_links_resolve_inside_the_package_never_on_the_build_machine()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "bin"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "sbin"));
        File.WriteAllText(Path.Combine(_root.FullName, "bin", "ip"), "the package's ip");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "sbin", "ip"), "/bin/ip");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "sbin", "true"), "/usr/bin/true"); // exists on the host only
        var tree = new PackageTree("iproute2", _root.FullName);
        Assert.Equal("the package's ip"u8.ToArray(), tree.Read("sbin/ip"));
        Assert.Null(tree.Resolve("sbin/true"));
        var e = Assert.Throws<ImageBuildException>(() => tree.Read("sbin/true"));
        Assert.Contains("package iproute2 has no sbin/true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_links_and_loops()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "lib"));
        File.WriteAllText(Path.Combine(_root.FullName, "lib", "libmnl.so.0.2.0"), "elf");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "lib", "libmnl.so.0"), "libmnl.so.0.2.0");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "lib", "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "lib", "b"), "a");
        var tree = new PackageTree("libmnl0", _root.FullName);
        Assert.Equal("elf"u8.ToArray(), tree.Read("lib/libmnl.so.0"));
        Assert.Null(tree.Resolve("lib/a"));
    }
}
