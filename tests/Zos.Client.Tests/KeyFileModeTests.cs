using System.Runtime.Versioning;
using Xunit;
using Zos.Client;

namespace Zos.Client.Tests;

/// <summary>Issue 14: an account key file readable by others is refused with the chmod that fixes it.</summary>
[SupportedOSPlatform("linux")]
public sealed class KeyFileModeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-keymode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void AccountIdentity_KeyOthersCanReach_RefusedWithTheChmod(UnixFileMode mode, string octal)
    {
        var config = new UserConfig(_dir);
        using (config.AccountIdentity())
        {
        }
        File.SetUnixFileMode(config.AccountKeyPath, mode);

        var e = Assert.Throws<InsecureKeyFileException>(config.AccountIdentity);

        Assert.Equal($"key file {config.AccountKeyPath} is readable by others (mode {octal}); run: chmod 600 {config.AccountKeyPath}", e.Message);
    }

    [Fact]
    public void AccountIdentity_OwnerOnly_LoadsTheSameKey()
    {
        var config = new UserConfig(_dir);
        string id;
        using (var created = config.AccountIdentity())
            id = created.Id;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.AccountKeyPath));

        using var loaded = config.AccountIdentity();

        Assert.Equal(id, loaded.Id);
    }
}
