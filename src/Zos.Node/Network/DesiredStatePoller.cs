using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Node.Network;

/// <summary>
/// Long-polls the node's desired state (the registry holds the request until the version moves or the wait passes)
/// and hands every new version on. A failed poll is said and retried with backoff, forever; so is an answer the
/// registry's key did not sign (<see cref="RegistryTrustException"/>), of which nothing is handed on.
/// </summary>
public sealed class DesiredStatePoller(RegistryClient client, string nodeId, NetworkManagerSettings settings, StatusReporter status, TimeProvider time, Random random)
{
    /// <summary>Polls until <paramref name="ct"/> is cancelled, calling <paramref name="changed"/> with each new version.</summary>
    public async Task RunAsync(Action<DesiredState> changed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        long? known = null;
        var failures = 0;
        var refused = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var answer = await client.GetDesiredStateAsync(nodeId, known, settings.LongPollWait, ct);
                failures = 0;
                if (refused)
                {
                    // The registry's own key answers again: the refusal no longer describes the node.
                    refused = false;
                    status.Update(s => s with { RegistryError = null });
                    status.Say("network manager: the registry's answers are signed by the trusted key again");
                }
                if (answer.Changed && answer.State is { } state)
                {
                    known = state.Version;
                    status.Say($"network manager: desired state version {state.Version} ({state.Networks.Count} network(s))");
                    changed(state);
                }
            }
            catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
            {
                failures++;
                var delay = settings.Backoff.Delay(failures, random);
                if (e is RegistryTrustException)
                {
                    // Nothing of the answer was used; say why in `zos node status` too, not only on the console.
                    refused = true;
                    status.Update(s => s with { RegistryError = e.Message });
                }
                status.Say($"network manager: desired state poll failed ({e.Message}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, time, ct);
            }
        }
    }
}
