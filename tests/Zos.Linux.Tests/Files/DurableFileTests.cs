using Xunit;
using Zos.Linux.Files;

namespace Zos.Linux.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class DurableFileTests
{
    [Fact]
    public void Replace_WritesTheContentWithTheModeInANewDirectoryAndLeavesNoTemporary()
    {
        var root = Directory.CreateTempSubdirectory("zos-durable-").FullName;
        try
        {
            var path = Path.Combine(root, "sub", "state.json");
            DurableFile.Replace(path, s => s.Write("old"u8), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

            DurableFile.Replace(path, s => s.Write("new"u8), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal(["state.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
