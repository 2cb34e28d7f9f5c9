using System.Text.Json;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Node.Network;

/// <summary>
/// Sends the node report (keys, ports, endpoint candidates, handshakes, errors) when it differs from the last one the
/// registry accepted, or when <paramref name="resendAfter"/> has passed since (the registry sees the node is alive and
/// gets fresh handshakes at that pace): a pass with nothing new costs the registry nothing.
/// </summary>
public sealed class NetworkReportSender(RegistryClient client, string nodeId, TimeSpan resendAfter, TimeProvider time)
{
    private string? _lastSent;
    private DateTimeOffset _lastSentAt;

    public async Task<ReportDelivery> SendAsync(NodeReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = JsonSerializer.Serialize(report, ContractJson.TypeInfo<NodeReport>());
        if (text == _lastSent && time.GetUtcNow() - _lastSentAt < resendAfter)
            return ReportDelivery.Unchanged;
        try
        {
            await client.ReportAsync(nodeId, report, ct);
            _lastSent = text;
            _lastSentAt = time.GetUtcNow();
            return new ReportDelivery(true, null);
        }
        catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
        {
            return new ReportDelivery(false, e.Message);
        }
    }
}
