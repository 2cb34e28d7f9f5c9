using Zos.Core.Bringup;

namespace Zos.Node.Network;

/// <summary>Timings of the network manager.</summary>
/// <param name="LongPollWait">How long the registry may hold a desired-state poll.</param>
/// <param name="PeriodicPass">A pass at least this often (kernel drift the events miss, fresh handshakes in the report).</param>
/// <param name="Debounce">Triggers arriving within this time are one pass (a burst of link events).</param>
/// <param name="Backoff">Retry delays after a failed pass, poll or report.</param>
public sealed record NetworkManagerSettings(TimeSpan LongPollWait, TimeSpan PeriodicPass, TimeSpan Debounce, BackoffPolicy Backoff)
{
    public static NetworkManagerSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300), BackoffPolicy.Default);
}
