using System.Security.Cryptography;
using System.Text.Json;
using Zos.Boot.Image;

namespace Zos.Boot.Tests.Image;

/// <summary>
/// A node image directory with stand-in files (not bootable) and a manifest that matches them, in a temporary
/// directory removed on dispose: for the checks that need the layout, not a kernel.
/// </summary>
internal sealed class FakeNodeImage : IDisposable
{
    public FakeNodeImage(int kernelBytes = 4096, int initrdBytes = 8192)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("zos-fake-image-").FullName;
        Kernel = [.. Enumerable.Range(0, kernelBytes).Select(i => (byte)(i * 13))];
        Initrd = [.. Enumerable.Range(0, initrdBytes).Select(i => (byte)(i * 7 + 1))];
        File.WriteAllBytes(Path.Combine(Directory, NodeImageDirectory.KernelFile), Kernel);
        File.WriteAllBytes(Path.Combine(Directory, NodeImageDirectory.InitrdFile), Initrd);
        WriteManifest();
    }

    public string Directory { get; }

    public byte[] Kernel { get; }

    public byte[] Initrd { get; }

    /// <summary>The manifest as <c>zos image build</c> writes it; <paramref name="edit"/> changes an entry (by path) before writing.</summary>
    public void WriteManifest(Func<string, (long Size, string Sha256), (long Size, string Sha256)>? edit = null)
    {
        var files = new[] { (NodeImageDirectory.KernelFile, Kernel), (NodeImageDirectory.InitrdFile, Initrd) }
            .Select(f =>
            {
                var entry = ((long)f.Item2.Length, Convert.ToHexStringLower(SHA256.HashData(f.Item2)));
                if (edit is not null)
                    entry = edit(f.Item1, entry);
                return new { path = f.Item1, size = entry.Item1, sha256 = entry.Item2 };
            });
        File.WriteAllText(Path.Combine(Directory, NodeImageDirectory.ManifestFile),
            JsonSerializer.Serialize(new { imageSha256 = "00", kernelVersion = "6.1.0-test-amd64", files, packages = Array.Empty<string>(), contents = Array.Empty<string>() }));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
