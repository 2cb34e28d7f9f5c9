using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Prometheus;
using Zos.Core.Contracts;
using Zos.Registry.Storage;

namespace Zos.Registry.Observability;

/// <summary>
/// The registry's Prometheus metrics, in a collector registry of its own (tests run many registries in one process):
/// requests by route, method and status with their latency, heartbeats accepted, and the nodes up and down per farm,
/// counted from the store when <c>/metrics</c> is scraped (nothing is kept up to date between scrapes).
/// </summary>
internal sealed class RegistryMetrics
{
    /// <summary>The heartbeat route as routing reports it (the API group's prefix included).</summary>
    internal const string HeartbeatRoute = "/api/v1/nodes/{id}/heartbeat";

    /// <summary>The route label of requests no endpoint matched (their paths would make the label unbounded).</summary>
    internal const string UnmatchedRoute = "(unmatched)";

    // From a cached read (~1 ms) to a long-poll held its full minute.
    private static readonly double[] s_latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Histogram _requests;
    private readonly Counter _heartbeats;
    private readonly Gauge _nodes;
    private readonly Gauge _storeUp;
    private readonly ConcurrentDictionary<(Endpoint?, string, int), RequestSeries> _series = new();
    private readonly IRegistryStore _store;
    private readonly RegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private HashSet<(string, NodeStatus)> _exported = [];

    public RegistryMetrics(IRegistryStore store, RegistryOptions options, TimeProvider time, ILogger<RegistryMetrics> log)
    {
        _store = store;
        _options = options;
        _time = time;
        _log = log;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateHistogram("zos_registry_http_request_duration_seconds",
            "HTTP requests answered by the registry, by route, method and status code, and how long each took",
            ["route", "method", "code"], new HistogramConfiguration { Buckets = s_latencyBuckets });
        _heartbeats = factory.CreateCounter("zos_registry_heartbeats_total", "Node heartbeats accepted (2xx answers to POST " + HeartbeatRoute + ")");
        _nodes = factory.CreateGauge("zos_registry_nodes", "Registered nodes by farm (\"none\": orphans and nodes awaiting approval) and status (up: a heartbeat within the down-after time)",
            ["farm", "status"]);
        _storeUp = factory.CreateGauge("zos_registry_store_up", "1 when the store answered the last scrape's node query, else 0");
        Registry.AddBeforeCollectCallback(CountNodesAsync);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Records one answered request; the label lookup is cached per endpoint, method and status (no allocation once seen).</summary>
    public void Observe(Endpoint? endpoint, string method, int status, double seconds)
    {
        var key = (endpoint, CanonicalMethod(method), status);
        if (!_series.TryGetValue(key, out var series))
            series = _series.GetOrAdd(key, k => NewSeries(k.Item1, k.Item2, k.Item3));
        series.Duration.Observe(seconds);
        if (series.IsHeartbeat)
            _heartbeats.Inc();
    }

    private RequestSeries NewSeries(Endpoint? endpoint, string method, int status)
    {
        var route = endpoint switch
        {
            RouteEndpoint r => r.RoutePattern.RawText ?? UnmatchedRoute,
            null => UnmatchedRoute,
            _ => endpoint.DisplayName ?? UnmatchedRoute,
        };
        var heartbeat = route == HeartbeatRoute && method == HttpMethods.Post && status is >= 200 and < 300;
        return new RequestSeries(_requests.WithLabels(route, method, status.ToString(CultureInfo.InvariantCulture)), heartbeat);
    }

    /// <summary>Known methods as their interned names; anything else as OTHER, so a client cannot grow the label set.</summary>
    private static string CanonicalMethod(string method)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return canonical is "GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE" or "OPTIONS" ? canonical : "OTHER";
    }

    private async Task CountNodesAsync(CancellationToken ct)
    {
        IReadOnlyList<StoredNode> nodes;
        try
        {
            nodes = await _store.ListNodesAsync(null, false, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A scrape still answers (process and request metrics matter most when the store is in trouble).
            _log.NodeCountFailed(e);
            _storeUp.Set(0);
            return;
        }
        _storeUp.Set(1);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var counts = NodeStatusTally.Count(nodes, now, (long)_options.DownAfter.TotalMilliseconds);
        foreach (var ((farm, status), count) in counts)
            _nodes.WithLabels(farm, Label(status)).Set(count);
        // A farm whose nodes are all gone stops being exported instead of staying at its last counts.
        foreach (var (farm, status) in _exported)
        {
            if (!counts.ContainsKey((farm, status)))
                _nodes.RemoveLabelled(farm, Label(status));
        }
        _exported = [.. counts.Keys];
    }

    private static string Label(NodeStatus status) => status == NodeStatus.Up ? "up" : "down";

    private sealed record RequestSeries(Histogram.Child Duration, bool IsHeartbeat);
}
