using System.Net;
using System.Security.Cryptography;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Http;

namespace Zos.Boot.Tests.Http;

/// <summary>Runs alone: it measures the process's allocations, which tests running beside it would add to.</summary>
[CollectionDefinition(nameof(AllocationMeasuringCollection), DisableParallelization = true)]
public sealed class AllocationMeasuringCollection;

/// <summary>
/// The node image's initramfs (20-30 MB) as iPXE fetches it: a declared Content-Length (iPXE shows progress and
/// checks the length), streamed from the file rather than read into memory per request.
/// </summary>
[Collection(nameof(AllocationMeasuringCollection))]
public sealed class BootHttpLargeFileTests : IAsyncLifetime
{
    private const int Size = 32 * 1024 * 1024;
    private readonly string _kernels = Directory.CreateTempSubdirectory("zos-kernels-").FullName;
    private readonly BootEventLog _events = new(TimeProvider.System);
    private BootHttpServer _server = null!;
    private HttpClient _http = null!;
    private byte[] _sha256 = [];

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(_kernels, "zos-node.initramfs");
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        await using (var file = File.Create(path))
        {
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < Size / chunk.Length; i++)
            {
                Random.Shared.NextBytes(chunk);
                hash.AppendData(chunk);
                await file.WriteAsync(chunk, TestContext.Current.CancellationToken);
            }
            _sha256 = hash.GetHashAndReset();
        }
        var config = BootConfigurationParser.Parse("farmId: 1\nprofile: { runmode: test, kernel: zos-node.vmlinuz, initrd: zos-node.initramfs }\n", "test");
        _server = new BootHttpServer(new BootHttpOptions { Urls = ["http://127.0.0.1:0"], KernelDirectory = _kernels }, () => config, _events);
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _server.Addresses[0] };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_kernels, recursive: true);
    }

    [Fact]
    public async Task GetInitramfs_32MiB_HasContentLengthIsStreamedAndByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        // Warm up Kestrel and the client so their one-time allocations are not counted.
        using (var warm = await _http.GetAsync("/kernel/zos-node.initramfs", HttpCompletionOption.ResponseHeadersRead, ct))
            await (await warm.Content.ReadAsStreamAsync(ct)).CopyToAsync(Stream.Null, ct);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await _http.GetAsync("/kernel/zos-node.initramfs", HttpCompletionOption.ResponseHeadersRead, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
                hash.AppendData(buffer, 0, n);
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(_sha256, hash.GetHashAndReset());
        // Reading the file into memory per request would allocate at least its 32 MiB; streaming uses pooled buffers.
        Assert.True(allocated < Size / 4, $"serving {Size} bytes allocated {allocated} bytes in this process (server and client)");
    }

    [Fact]
    public async Task HeadInitramfs_GivesTheLengthWithoutTheBodyAndRecordsNoDownload()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/kernel/zos-node.initramfs");

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(_events.Snapshot(), e => e.Step == BootStep.KernelFetched);
    }
}
