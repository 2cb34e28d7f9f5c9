using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

/// <summary>What the report sender puts on the wire (a recording registry, fake time).</summary>
public sealed class NetworkReportSenderTests : IDisposable
{
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(30);

    private readonly RecordingReportHandler _registry = new();
    private readonly HttpClient _http;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new();
    private readonly NetworkReportSender _sender;

    public NetworkReportSenderTests()
    {
        _http = new HttpClient(_registry) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        _sender = new NetworkReportSender(new RegistryClient(_http), "node", ResendAfter, _time);
    }

    public void Dispose() => _http.Dispose();

    private static NodeReport Report(long version, params string[] errors) =>
        new(version, [new NetworkReport("2kTsKkYzdcpSf", "pub=", 51820, ["198.51.100.5:51820"], [], errors)], null);

    [Fact]
    public async Task SendAsync_SameReportTwice_SentOnce()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await _sender.SendAsync(Report(1), ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = await _sender.SendAsync(Report(1), ct);

        Assert.Equal(new ReportDelivery(true, null), first);
        Assert.Equal(ReportDelivery.Unchanged, second);
        Assert.True(second.Held);
        Assert.Single(_registry.Reports);
    }

    [Fact]
    public async Task SendAsync_ChangedReport_Sent()
    {
        var ct = TestContext.Current.CancellationToken;

        await _sender.SendAsync(Report(1), ct);
        var changed = await _sender.SendAsync(Report(1, "CreateWireGuard: refused"), ct);

        Assert.True(changed.Sent);
        Assert.Equal(["CreateWireGuard: refused"], _registry.Reports[1].Networks[0].Errors);
    }

    [Fact]
    public async Task SendAsync_SameReportAfterTheResendInterval_SentAgain()
    {
        var ct = TestContext.Current.CancellationToken;

        await _sender.SendAsync(Report(1), ct);
        _time.Advance(ResendAfter);
        var again = await _sender.SendAsync(Report(1), ct);

        Assert.True(again.Sent);
        Assert.Equal(2, _registry.Reports.Count);
    }

    [Fact]
    public async Task SendAsync_RegistryRefuses_ErrorThenSameReportSentOnceItAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        _registry.Refusing = true;

        var refused = await _sender.SendAsync(Report(1), ct);
        _registry.Refusing = false;
        var retried = await _sender.SendAsync(Report(1), ct);

        Assert.False(refused.Held);
        Assert.StartsWith("registry refused PUT /api/v1/nodes/node/report: 503", refused.Error, StringComparison.Ordinal);
        Assert.True(retried.Sent);
        Assert.Single(_registry.Reports);
    }
}
