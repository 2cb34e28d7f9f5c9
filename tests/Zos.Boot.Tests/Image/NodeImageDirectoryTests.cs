using Xunit;
using Zos.Boot.Image;

namespace Zos.Boot.Tests.Image;

public sealed class NodeImageDirectoryTests : IDisposable
{
    private readonly FakeNodeImage _image = new();

    public void Dispose() => _image.Dispose();

    [Fact]
    public void Open_FilesMatchingTheManifest_GivesSizesAndVersion()
    {
        var image = NodeImageDirectory.Open(_image.Directory);

        Assert.Equal(4096, image.KernelSize);
        Assert.Equal(8192, image.InitrdSize);
        Assert.Equal("6.1.0-test-amd64", image.KernelVersion);
        Assert.Equal(Path.Combine(_image.Directory, "zos-node.initramfs"), image.InitrdPath);
    }

    [Fact]
    public void Open_MissingDirectory_SaysSoAndHowToBuildIt()
    {
        var missing = Path.Combine(_image.Directory, "nope");

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(missing));

        Assert.Equal($"'{missing}' is not a directory (build the image with: zos image build -o {missing})", e.Message);
    }

    [Theory]
    [InlineData("zos-node.vmlinuz")]
    [InlineData("zos-node.initramfs")]
    [InlineData("manifest.json")]
    public void Open_MissingFile_NamesTheFile(string file)
    {
        File.Delete(Path.Combine(_image.Directory, file));

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(_image.Directory));

        Assert.Equal($"'{_image.Directory}' has no {file} (not a node image directory; zos image build -o DIR writes it)", e.Message);
    }

    [Fact]
    public void Open_TruncatedInitramfs_SaysBothSizes()
    {
        File.WriteAllBytes(Path.Combine(_image.Directory, "zos-node.initramfs"), _image.Initrd[..1000]);

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(_image.Directory));

        Assert.StartsWith($"{Path.Combine(_image.Directory, "zos-node.initramfs")} is 1000 bytes, manifest.json says 8192", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_KernelWithOtherContentOfTheSameSize_SaysBothHashes()
    {
        _image.WriteManifest((path, entry) => path == "zos-node.vmlinuz" ? (entry.Size, new string('a', 64)) : entry);

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(_image.Directory));

        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Path.Combine(_image.Directory, "zos-node.vmlinuz"))} has sha256 [0-9a-f]{{64}}, manifest.json says a{{64}}$", e.Message);
    }

    [Fact]
    public void Open_ManifestWithoutTheKernel_SaysWhichEntryIsMissing()
    {
        File.WriteAllText(Path.Combine(_image.Directory, "manifest.json"), """{"files": [{"path": "zos-node.initramfs", "size": 8192, "sha256": "00"}]}""");

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(_image.Directory));

        Assert.EndsWith("manifest.json has no entry with size and sha256 for zos-node.vmlinuz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ManifestNotJson_SaysSo()
    {
        File.WriteAllText(Path.Combine(_image.Directory, "manifest.json"), "{ files: oops");

        var e = Assert.Throws<NodeImageException>(() => NodeImageDirectory.Open(_image.Directory));

        Assert.StartsWith($"{Path.Combine(_image.Directory, "manifest.json")} is not valid JSON: ", e.Message, StringComparison.Ordinal);
    }
}
