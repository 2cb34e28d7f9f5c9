using System.Net;
using Xunit;
using Zos.Boot.Tftp;
using Zos.Testing;

namespace Zos.Boot.Tests.Tftp;

/// <summary>Our server against clients nobody here wrote (tftp-hpa, curl), on loopback, with Debian's iPXE loader.</summary>
public sealed class TftpRealClientTests : IAsyncLifetime
{
    private const string Loader = "/usr/lib/ipxe/ipxe.efi";
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-tftp-real-").FullName;
    private TftpServer _server = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "root"));
        if (File.Exists(Loader))
            File.Copy(Loader, Path.Combine(_dir, "root", "ipxe.efi"));
        _server = new TftpServer(new TftpServerOptions { Root = Path.Combine(_dir, "root"), Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        _server.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void TftpHpa_GetIpxeEfi_IsByteIdentical()
    {
        Require.Tools("tftp");
        Assert.True(File.Exists(Loader), $"{Loader} (Debian package ipxe) is missing");
        var target = Path.Combine(_dir, "hpa.efi");

        var r = Sh.Run("tftp", ["-m", "binary", "127.0.0.1", _server.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "get", "ipxe.efi", target], TimeSpan.FromSeconds(60));

        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        Assert.Equal(File.ReadAllBytes(Loader), File.ReadAllBytes(target));
        Assert.Equal(1, _server.Counters.TransfersStarted);
    }

    [Theory]
    [InlineData(1468)]
    [InlineData(8192)]
    [InlineData(512)]
    public void Curl_GetIpxeEfiWithBlksizeAndTsize_IsByteIdentical(int blksize)
    {
        Require.Tools("curl");
        Assert.True(File.Exists(Loader), $"{Loader} (Debian package ipxe) is missing");
        var target = Path.Combine(_dir, $"curl-{blksize}.efi");

        // curl always sends tsize; --tftp-blksize adds blksize (and it follows a smaller OACK value).
        var r = Sh.Run("curl", ["-sS", "--tftp-blksize", blksize.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", target,
            $"tftp://127.0.0.1:{_server.LocalEndPoint.Port}/ipxe.efi"], TimeSpan.FromSeconds(60));

        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        Assert.Equal(File.ReadAllBytes(Loader), File.ReadAllBytes(target));
    }

    [Fact]
    public void Curl_ManyTransfersAtOnce_AllByteIdentical()
    {
        Require.Tools("curl");
        var expected = File.ReadAllBytes(Loader);

        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            var target = Path.Combine(_dir, $"par-{i}.efi");
            var r = Sh.Run("curl", ["-sS", "--tftp-blksize", "1468", "-o", target, $"tftp://127.0.0.1:{_server.LocalEndPoint.Port}/ipxe.efi"], TimeSpan.FromSeconds(60));
            return (r, target);
        }).ToList();

        foreach (var (r, target) in results)
        {
            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.Equal(expected, File.ReadAllBytes(target));
        }
    }

    [Fact]
    public void Curl_PathEscape_IsRefused()
    {
        Require.Tools("curl");

        var r = Sh.Run("curl", ["-sS", "-o", "/dev/null", $"tftp://127.0.0.1:{_server.LocalEndPoint.Port}/..%2F..%2Fetc%2Fpasswd"], TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal(1, _server.Counters.AccessDenied);
    }
}
