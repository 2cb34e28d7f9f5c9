using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Boot.Hosting;

/// <summary>
/// Forwards the boot steps that name a MAC to the registry (<c>POST /api/v1/farms/{id}/boot-events</c>, signed with
/// the farm owner's key), so the Cockpit shows "booting" with the last step and its time for MACs that are not nodes
/// yet. Steps wait in a bounded queue and go out in batches; when the registry is slow or down the oldest queued steps
/// are dropped and a refused or failed post is dropped too (both counted): boot progress is only worth showing live,
/// and the boot server must never stall or grow on the registry's account.
/// </summary>
public sealed class RegistryBootEventReporter : IAsyncDisposable
{
    /// <summary>The registry's cap on steps per post.</summary>
    public const int MaxBatch = 100;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly RequestSigner _signer;
    private readonly uint _farmId;
    private readonly ILogger _logger;
    private readonly Channel<BootEventReport> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _posted;
    private long _dropped;
    private long _failed;

    /// <param name="http">A client whose BaseAddress is the registry's root URL.</param>
    public RegistryBootEventReporter(HttpClient http, RequestSigner signer, uint farmId, ILogger? logger = null, int capacity = 1000)
    {
        var root = http.BaseAddress ?? throw new ArgumentException("the HttpClient needs the registry's URL as BaseAddress", nameof(http));
        // Signing covers the absolute path, so the request URI is made absolute here.
        _endpoint = new Uri(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), $"api/v1/farms/{farmId}/boot-events");
        _http = http;
        _signer = signer;
        _farmId = farmId;
        _logger = logger ?? NullLogger.Instance;
        _queue = Channel.CreateBounded<BootEventReport>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Steps the registry accepted.</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Steps dropped from a full queue.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Steps of posts the registry refused or that did not reach it.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Forwards every step <paramref name="log"/> records from now on.</summary>
    public void Attach(BootEventLog log) => log.Recorded += Enqueue;

    /// <summary>Queues one step; steps without a MAC (a TFTP request from an unknown address) are not forwarded.</summary>
    public void Enqueue(BootEvent e)
    {
        if (e.Mac is null)
            return;
        _queue.Writer.TryWrite(new BootEventReport(e.Mac, JsonNamingPolicy.CamelCase.ConvertName(e.Step.ToString()), e.Time, e.Client, Clip(e.Detail)));
    }

    public async ValueTask DisposeAsync()
    {
        // Flush what is queued, but never wait on an unreachable registry for long.
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))) != _loop)
            await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<BootEventReport>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stop))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var e))
                batch.Add(e);
            if (batch.Count > 0)
                await PostAsync(batch, stop);
        }
    }

    private async Task PostAsync(List<BootEventReport> batch, CancellationToken stop)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = JsonContent.Create(new BootEventBatch([.. batch]), options: ContractJson.Options),
            };
            await _signer.SignAsync(request, stop);
            using var response = await _http.SendAsync(request, stop);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Add(ref _posted, batch.Count);
                return;
            }
            Interlocked.Add(ref _failed, batch.Count);
            _logger.BootEventsRefused(batch.Count, _farmId, (int)response.StatusCode, Clip(await response.Content.ReadAsStringAsync(stop)));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // Whatever goes wrong with one post (network, timeout, a bug), the next steps still get their chance.
            Interlocked.Add(ref _failed, batch.Count);
            _logger.BootEventsNotPosted(batch.Count, e.Message);
        }
    }

    /// <summary>The registry keeps at most 300 characters of detail.</summary>
    private static string Clip(string text) => text.Length <= 300 ? text : text[..300];
}
