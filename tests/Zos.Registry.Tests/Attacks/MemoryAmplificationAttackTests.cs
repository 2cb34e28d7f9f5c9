using System.Diagnostics;
using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>Tests that measure this process's memory: run alone, after the parallel ones, so no other test's allocations count.</summary>
[CollectionDefinition(nameof(MemoryMeasuringCollection), DisableParallelization = true)]
public sealed class MemoryMeasuringCollection;

/// <summary>
/// Unauthenticated memory amplification (issue 14): 20 parallel 28 MB uploads with signature headers that look right
/// (a real key, the registry's time) but sign nothing once took the registry from 1.07 to 2.27 GB and its GETs to 7 s,
/// because the whole body was buffered before the signature was looked at. Now a declared length over the route's limit
/// is refused from the head and a chunked body at the limit. The registry runs in this process on Kestrel at
/// 127.0.0.1:0, so its memory is this process's working set. Once per store.
/// </summary>
[Collection(nameof(MemoryMeasuringCollection))]
public abstract class MemoryAmplificationAttackTests : IAsyncLifetime
{
    private const int Uploads = 20;
    private const long UploadBytes = 28_000_000;

    /// <summary>What the attack may add to the working set: well under one upload buffered per request (560 MB in all).</summary>
    private const long MaxGrowthBytes = 200L << 20;

    private TestRegistry? _registry;

    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : MemoryAmplificationAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : MemoryAmplificationAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    protected abstract StoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _registry = await TestRegistry.StartAsync(Kind, kestrel: true);

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TwentyParallelBogusUploadsOf28MB_WorkingSetBoundedAndGetAnswersWithinASecond()
    {
        var r = _registry!;
        using var http = new HttpClient { BaseAddress = r.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        // Warm up (JIT, connection, store) so the baseline is the registry at rest, not a cold one.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/farms", Ct)).StatusCode);
        var baseline = WorkingSetAfterCollect();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);

        // Half declare their length, half are chunked: both must stop long before 28 MB is held.
        var uploads = Enumerable.Range(0, Uploads).Select(i => UploadAsync(r, declareLength: i % 2 == 0)).ToList();
        await Task.Delay(200, Ct);
        var get = Stopwatch.StartNew();
        using var during = await http.GetAsync("api/v1/farms", Ct);
        get.Stop();
        var outcomes = await Task.WhenAll(uploads);
        await Task.Delay(200, Ct);
        await sampling.CancelAsync();
        await sampler;

        var growth = peak - baseline;
        var figure = $"{Kind}: {Uploads} parallel bogus uploads of {UploadBytes / 1_000_000} MB: working set {baseline >> 20} MiB at rest, peak {peak >> 20} MiB " +
            $"(+{growth >> 20} MiB); a GET meanwhile took {get.ElapsedMilliseconds} ms; answers: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} ×{g.Count()}"))}";
        TestContext.Current.TestOutputHelper?.WriteLine(figure);
        await File.AppendAllTextAsync(Artifact("memory-amplification.txt"), figure + Environment.NewLine, Ct);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.True(get.Elapsed < TimeSpan.FromSeconds(1), $"a GET during the uploads took {get.ElapsedMilliseconds} ms");
        Assert.True(growth < MaxGrowthBytes, $"the working set grew by {growth >> 20} MiB under the uploads (at most {MaxGrowthBytes >> 20} MiB allowed)");
        // None was accepted: each was refused (413, or the connection closed on it while it was still sending).
        Assert.DoesNotContain(outcomes, o => o.StartsWith('2'));
    }

    /// <summary>A path under the repository's artifacts/ (ignored by git), where measured figures are kept.</summary>
    private static string Artifact(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
            dir = dir.Parent;
        var target = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }

    private static long WorkingSetAfterCollect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>One bogus upload of <see cref="UploadBytes"/> (streamed from one small buffer); its status, or how it ended.</summary>
    private static async Task<string> UploadAsync(TestRegistry r, bool declareLength)
    {
        using var http = new HttpClient { BaseAddress = r.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        using var key = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/accounts") { Content = new RepeatedBytesContent(UploadBytes, declareLength) };
        request.Headers.Add(RequestSigning.KeyHeader, key.Id);
        request.Headers.Add(RequestSigning.TimestampHeader, r.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSigning.NonceHeader, Guid.NewGuid().ToString("N"));
        request.Headers.Add(RequestSigning.SignatureHeader, Convert.ToBase64String(new byte[64]));
        try
        {
            using var response = await http.SendAsync(request, Ct);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "closed";
        }
    }

    /// <summary>A JSON-looking body of spaces, written from one 64 KiB buffer, with or without a declared length.</summary>
    private sealed class RepeatedBytesContent : HttpContent
    {
        private static readonly byte[] s_block = CreateBlock();
        private readonly long _length;
        private readonly bool _declareLength;

        public RepeatedBytesContent(long length, bool declareLength)
        {
            _length = length;
            _declareLength = declareLength;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (declareLength)
                Headers.ContentLength = length;
        }

        private static byte[] CreateBlock()
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)' ');
            return block;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var sent = 0L; sent < _length; sent += s_block.Length)
                await stream.WriteAsync(s_block.AsMemory(0, (int)Math.Min(s_block.Length, _length - sent)));
        }

        protected override bool TryComputeLength(out long length)
        {
            // Not Headers.ContentLength: its getter asks this method.
            length = _length;
            return _declareLength;
        }
    }
}
