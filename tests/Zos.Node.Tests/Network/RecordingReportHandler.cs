using System.Net;
using System.Net.Http.Json;
using System.Text;
using Zos.Core.Contracts;

namespace Zos.Node.Tests.Network;

/// <summary>A registry that records the node reports it is sent (PUT .../report), or answers 503 while <see cref="Refusing"/>.</summary>
internal sealed class RecordingReportHandler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<NodeReport> _reports = [];

    public bool Refusing { get; set; }

    public IReadOnlyList<NodeReport> Reports
    {
        get
        {
            lock (_lock)
                return [.. _reports];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put || request.RequestUri?.AbsolutePath.EndsWith("/report", StringComparison.Ordinal) != true)
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        if (Refusing)
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("registry is restarting", Encoding.UTF8, "text/plain") };
        var report = await request.Content!.ReadFromJsonAsync<NodeReport>(ContractJson.Options, cancellationToken)
                     ?? throw new InvalidDataException("empty report");
        lock (_lock)
            _reports.Add(report);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
    }
}
