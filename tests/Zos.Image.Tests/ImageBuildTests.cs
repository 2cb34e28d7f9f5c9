using System.IO.Compression;
using Xunit;
using Zos.Core.Image;
using Zos.Image.Archive;
using Zos.Image.Build;
using Zos.Testing;

namespace Zos.Image.Tests;

/// <summary>
/// <c>zos image build</c> for real: Debian's packages through apt, zos-node published from this source tree. Two builds
/// from the same inputs give the same bytes; the manifest tells the truth about the initramfs.
/// </summary>
public sealed class ImageBuildTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zos-imagebuild-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Two_builds_give_the_same_bytes_and_the_manifest_lists_what_the_initramfs_holds()
    {
        Require.Privileged("apt-get", "dpkg-deb", "depmod", "dotnet");
        var source = TestImage.RepositoryRoot() ?? throw new InvalidOperationException("no Zos.slnx above the test assembly");
        var outputs = new[] { Path.Combine(_dir.FullName, "a"), Path.Combine(_dir.FullName, "b") };
        var manifests = new List<ImageManifest>();
        foreach (var output in outputs)
        {
            var options = new ImageBuildOptions(output, ImageBuildOptions.DefaultCache, null, source, null, DateTimeOffset.UnixEpoch);
            manifests.Add(await new ImageBuilder(options, _ => { }).BuildAsync(TestContext.Current.CancellationToken));
        }
        foreach (var file in (string[])[ImageManifest.KernelFile, ImageManifest.InitramfsFile, ImageManifest.FileName])
        {
            var a = await File.ReadAllBytesAsync(Path.Combine(outputs[0], file), TestContext.Current.CancellationToken);
            var b = await File.ReadAllBytesAsync(Path.Combine(outputs[1], file), TestContext.Current.CancellationToken);
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between two builds of the same inputs");
        }

        var manifest = ImageManifestJson.Parse(await File.ReadAllTextAsync(Path.Combine(outputs[0], ImageManifest.FileName), TestContext.Current.CancellationToken), "manifest.json");
        Assert.Equal(manifests[0].ImageSha256, manifest.ImageSha256);
        Assert.Equal([ImageManifest.KernelFile, ImageManifest.InitramfsFile], manifest.Files.Select(f => f.Path));
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(outputs[0], file.Path);
            Assert.Equal(new FileInfo(path).Length, file.Size);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken))), file.Sha256);
        }

        // The initramfs itself: unpacked by an independent reader, every regular file as the manifest lists it.
        await using var gz = new GZipStream(File.OpenRead(Path.Combine(outputs[0], ImageManifest.InitramfsFile)), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        await gz.CopyToAsync(raw, TestContext.Current.CancellationToken);
        var members = CpioNewcReader.Read(raw.ToArray());
        var files = members.Where(m => CpioNewcReader.Kind(m.Mode) == CpioEntryKind.File)
            .Select(m => new ImageFile(m.Name, m.Data.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(m.Data)))).ToList();
        Assert.Equal(files, manifest.Contents);
        Assert.Contains(files, f => f.Path == "usr/lib/zos/zos-node" && f == manifest.Daemon && f.Size > 1_000_000);
        Assert.Contains(files, f => f.Path == "init");
        foreach (var module in (string[])["wireguard.ko", "8021q.ko", "bridge.ko", "nf_tables.ko", "virtio_net.ko", "e1000e.ko", "ixgbe.ko", "mlx5_core.ko", "ext4.ko"])
            Assert.Contains(manifest.Modules, m => m.EndsWith("/" + module, StringComparison.Ordinal));
        Assert.All(manifest.Modules, m => Assert.Contains(files, f => f.Path == $"usr/lib/modules/{manifest.KernelVersion}/{m}"));
        Assert.Contains(files, f => f.Path == $"usr/lib/modules/{manifest.KernelVersion}/modules.dep");
        // NIC firmware: what bnx2x, tg3, r8169 and ice name, from Debian's non-free-firmware, where the kernel loads it.
        foreach (var prefix in (string[])["bnx2x/bnx2x-e2-", "tigon/tg3", "rtl_nic/rtl8168h-", "intel/ice/ddp/ice.pkg"])
            Assert.Contains(manifest.Firmware, f => f.StartsWith(prefix, StringComparison.Ordinal));
        Assert.All(manifest.Firmware, f => Assert.Contains(files, c => c.Path == "usr/lib/firmware/" + f && c.Size > 0));
        Assert.Contains(manifest.Packages, p => p.Name == "firmware-bnx2x");
        foreach (var package in (string[])["busybox-static", "nftables", "wireguard-tools", "e2fsprogs", "iproute2", $"linux-image-{manifest.KernelVersion}"])
            Assert.Contains(manifest.Packages, p => p.Name == package && p.Version.Length > 0);
        // Servers among busybox's applets are left out: the node listens on nothing.
        Assert.DoesNotContain(members, m => m.Name is "usr/sbin/telnetd" or "usr/sbin/httpd" or "usr/sbin/udhcpd" or "usr/bin/nc");
        Assert.All(members, m => Assert.Equal(0u, m.Mtime));
    }

    [Fact]
    public async Task A_kernel_apt_does_not_have_is_a_clear_error_and_writes_nothing()
    {
        Require.Privileged("apt-get", "dpkg-deb");
        var output = Path.Combine(_dir.FullName, "out");
        var options = new ImageBuildOptions(output, ImageBuildOptions.DefaultCache, "6.1.0-999-amd64", null, null, DateTimeOffset.UnixEpoch);
        var e = await Assert.ThrowsAsync<ImageBuildException>(() => new ImageBuilder(options, _ => { }).BuildAsync(TestContext.Current.CancellationToken));
        Assert.Contains("--kernel 6.1.0-999-amd64: apt has no package linux-image-6.1.0-999-amd64", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
