using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Zos.Registry.Observability;

namespace Zos.Registry.Tests.Observability;

/// <summary>What /healthz and /metrics say when the store does not answer.</summary>
public sealed class StoreDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_StoreFails_503NamingTheFailure()
    {
        var result = await RegistryHealth.CheckAsync(ThrowingStore.Create(), NullLoggerFactory.Instance, Ct);

        var content = Assert.IsType<ContentHttpResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, content.StatusCode);
        Assert.Contains(ThrowingStore.Failure, content.ResponseContent, StringComparison.Ordinal);
        Assert.StartsWith("unhealthy: the store", content.ResponseContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_StoreFails_ScrapeAnswersWithStoreDown()
    {
        var metrics = new RegistryMetrics(ThrowingStore.Create(), new RegistryOptions(), TimeProvider.System, NullLogger<RegistryMetrics>.Instance);
        using var stream = new MemoryStream();

        await metrics.Registry.CollectAndExportAsTextAsync(stream, Ct);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(0, PrometheusText.Sample(text, "zos_registry_store_up"));
        Assert.DoesNotContain("zos_registry_nodes{", text, StringComparison.Ordinal);
    }
}
