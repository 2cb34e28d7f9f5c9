using Xunit;
using Zos.Boot.Tftp;

namespace Zos.Boot.Tests.Tftp;

public sealed class TftpFileCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zos-tftp-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void Get_SameFileTwice_SecondIsAHitWithTheSameContent()
    {
        var path = Write("ipxe.efi", [1, 2, 3]);
        var cache = new TftpFileCache();

        var first = cache.Get(path);
        var second = cache.Get(path);

        Assert.Equal([1, 2, 3], second);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Get_FileReplacedOnDisk_ServesTheNewContent()
    {
        var path = Write("ipxe.efi", [1, 2, 3]);
        var cache = new TftpFileCache();
        var old = cache.Get(path);

        File.WriteAllBytes(path, [9, 8, 7, 6]);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        var fresh = cache.Get(path);

        Assert.Equal([1, 2, 3], old);
        Assert.Equal([9, 8, 7, 6], fresh);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void Get_FileAboveTheLimit_ReturnsNullSoTheCallerReadsPerBlock()
    {
        var path = Write("big.img", new byte[100]);
        var cache = new TftpFileCache(maxFileBytes: 99);

        Assert.Null(cache.Get(path));
    }

    [Fact]
    public void Get_BeyondTheTotalBudget_ReturnsTheContentWithoutKeepingIt()
    {
        var a = Write("a", new byte[60]);
        var b = Write("b", new byte[60]);
        var cache = new TftpFileCache(maxFileBytes: 100, maxTotalBytes: 100);
        cache.Get(a);

        Assert.Equal(60, cache.Get(b)!.Length);
        cache.Get(b);

        Assert.Equal(0, cache.Hits);
        cache.Get(a);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Get_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        var path = Path.Combine(_root, "gone.efi");

        var e = Assert.Throws<FileNotFoundException>(() => new TftpFileCache().Get(path));

        Assert.Equal($"{path} vanished before the transfer", e.Message);
    }
}
