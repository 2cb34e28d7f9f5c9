using Xunit;
using Zos.Boot.Tftp;
using Zos.Protocols.Tftp;

namespace Zos.Boot.Tests.Tftp;

public sealed class TftpRootResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-tftp-root-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public TftpRootResolverTests()
    {
        _root = Path.Combine(_dir, "root");
        _outside = Path.Combine(_dir, "secret");
        Directory.CreateDirectory(Path.Combine(_root, "efi"));
        File.WriteAllText(Path.Combine(_root, "undionly.kpxe"), "loader");
        File.WriteAllText(Path.Combine(_root, "efi", "ipxe.efi"), "efi");
        File.WriteAllText(_outside, "secret");
        File.CreateSymbolicLink(Path.Combine(_root, "inside-link"), "efi/ipxe.efi");
        File.CreateSymbolicLink(Path.Combine(_root, "outside-link"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "relative-out"), "../secret");
        Directory.CreateSymbolicLink(Path.Combine(_root, "dir-out"), _dir);
        File.CreateSymbolicLink(Path.Combine(_root, "loop"), "loop");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("undionly.kpxe", "undionly.kpxe")]
    [InlineData("efi/ipxe.efi", "efi/ipxe.efi")]
    [InlineData("./efi//ipxe.efi", "efi/ipxe.efi")]
    [InlineData("inside-link", "efi/ipxe.efi")]
    public void Resolve_NamesInsideTheRoot_ResolveToTheFile(string requested, string expected)
    {
        var result = new TftpRootResolver(_root).Resolve(requested);

        Assert.Equal(Path.Combine(_root, expected), result.FullPath);
    }

    [Theory]
    [InlineData("../secret", "'..' in '../secret'")]
    [InlineData("efi/../../secret", "'..' in 'efi/../../secret'")]
    [InlineData("/etc/passwd", "absolute path '/etc/passwd' (names are relative to the served directory)")]
    [InlineData("..\\secret", "backslash in '..\\secret'")]
    [InlineData("a\0b", "control characters in file name")]
    [InlineData("outside-link", "'outside-link' leads outside the served directory")]
    [InlineData("relative-out", "'relative-out' leads outside the served directory")]
    [InlineData("dir-out/secret", "'dir-out/secret' leads outside the served directory")]
    [InlineData("loop", "'loop' leads outside the served directory")]
    public void Resolve_EscapeAttempts_AreAccessViolations(string requested, string expected)
    {
        var result = new TftpRootResolver(_root).Resolve(requested);

        Assert.Null(result.FullPath);
        Assert.Equal(TftpErrorCode.AccessViolation, result.ErrorCode);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("missing.efi")]
    [InlineData("efi")]
    public void Resolve_MissingFileOrDirectory_IsFileNotFound(string requested)
    {
        var result = new TftpRootResolver(_root).Resolve(requested);

        Assert.Equal(TftpErrorCode.FileNotFound, result.ErrorCode);
        Assert.Equal($"'{requested}' not found", result.Error);
    }
}
