using Xunit;
using Zos.Linux.Files;

namespace Zos.Linux.Tests.Files;

public class DirectorySyncTests
{
    [Fact]
    public void Flush_ExistingDirectory_Succeeds()
    {
        var dir = Directory.CreateTempSubdirectory("zos-dirsync-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a"), "x");
            DirectorySync.Flush(dir);
            Assert.True(File.Exists(Path.Combine(dir, "a")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Flush_MissingDirectoryOrAFile_FailsNamingThePath()
    {
        var dir = Directory.CreateTempSubdirectory("zos-dirsync-").FullName;
        try
        {
            var missing = Path.Combine(dir, "missing");
            var file = Path.Combine(dir, "file");
            File.WriteAllText(file, "x");

            Assert.Contains(missing, Assert.Throws<IOException>(() => DirectorySync.Flush(missing)).Message);
            Assert.Contains(file, Assert.Throws<IOException>(() => DirectorySync.Flush(file)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
