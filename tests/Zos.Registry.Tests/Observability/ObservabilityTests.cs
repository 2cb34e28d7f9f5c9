using System.Net;
using Xunit;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Observability;

/// <summary>
/// <c>/metrics</c> and <c>/healthz</c> of a running registry (issue 17): what a Prometheus scrape and a health probe
/// see after real API traffic. Runs once per store.
/// </summary>
public abstract class ObservabilityTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : ObservabilityTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : ObservabilityTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private const string HeartbeatSeries = "zos_registry_http_request_duration_seconds_count{route=\"/api/v1/nodes/{id}/heartbeat\",method=\"POST\",code=\"204\"}";

    private static readonly NodeHealth s_health = new(true, false, 30, [new NicHealth("eth0", true, ["10.1.0.5/24"])]);

    [Fact]
    public async Task Metrics_HeartbeatsAndSilence_CountsHeartbeatsAndNodesUpDownPerFarm()
    {
        var (_, farm) = await FarmAsync();
        var (alive, aliveClient) = await R.NodeAsync(farm.Id);
        var (silent, silentClient) = await R.NodeAsync(farm.Id, "10.1.0.6/24");
        await aliveClient.HeartbeatAsync(alive.Id, new Heartbeat(10, s_health), Ct);
        await silentClient.HeartbeatAsync(silent.Id, new Heartbeat(10, s_health), Ct);
        // Past the down-after time (3 intervals of 60 s): only the node that heartbeats again is up.
        R.Time.Advance(TimeSpan.FromSeconds(181));
        await aliveClient.HeartbeatAsync(alive.Id, new Heartbeat(191, s_health), Ct);

        var text = await ScrapeAsync();

        Assert.Equal(3, PrometheusText.Sample(text, "zos_registry_heartbeats_total"));
        Assert.Equal(3, PrometheusText.Sample(text, HeartbeatSeries));
        var farmLabel = farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, PrometheusText.Sample(text, $"zos_registry_nodes{{farm=\"{farmLabel}\",status=\"up\"}}"));
        Assert.Equal(1, PrometheusText.Sample(text, $"zos_registry_nodes{{farm=\"{farmLabel}\",status=\"down\"}}"));
        Assert.Equal(1, PrometheusText.Sample(text, "zos_registry_store_up"));
        Assert.Contains("# TYPE zos_registry_http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.NotNull(PrometheusText.Sample(text, "process_cpu_seconds_total"));
    }

    [Fact]
    public async Task Metrics_RefusedHeartbeat_RequestCountedWithItsStatusNotAsHeartbeat()
    {
        var (_, farm) = await FarmAsync();
        var (_, client) = await R.NodeAsync(farm.Id);
        // A node sending another node's heartbeat: refused (403), as an attacker's would be.
        var refused = await Refused(() => client.HeartbeatAsync("another-node", new Heartbeat(1, s_health), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        var text = await ScrapeAsync();

        Assert.Equal(0, PrometheusText.Sample(text, "zos_registry_heartbeats_total"));
        Assert.Null(PrometheusText.Sample(text, HeartbeatSeries));
        var code = ((int)refused.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, PrometheusText.Sample(text,
            $"zos_registry_http_request_duration_seconds_count{{route=\"/api/v1/nodes/{{id}}/heartbeat\",method=\"POST\",code=\"{code}\"}}"));
    }

    [Fact]
    public async Task Metrics_UnmatchedPathsAndOddMethods_KeepTheLabelSetBounded()
    {
        using var http = R.Http();
        for (var i = 0; i < 5; i++)
            await http.GetAsync(new Uri($"/no-such-page-{i}", UriKind.Relative), Ct);
        using var odd = new HttpRequestMessage(new HttpMethod("BREW"), "/api/v1/farms");
        await http.SendAsync(odd, Ct);

        var text = await ScrapeAsync();

        Assert.DoesNotContain("no-such-page", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BREW", text, StringComparison.Ordinal);
        Assert.Contains("method=\"OTHER\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_StoreAnswers_200()
    {
        using var http = R.Http();
        using var answer = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("ok: the store", body, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = R.Http();
        using var answer = await http.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("text/plain", answer.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await answer.Content.ReadAsStringAsync(Ct);
    }
}
