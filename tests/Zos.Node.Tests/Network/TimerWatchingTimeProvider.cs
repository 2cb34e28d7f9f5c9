using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Zos.Node.Tests.Network;

/// <summary>
/// Fake time that tells when a timer is armed, so a test advances the clock only once the code under test waits
/// (arm first, then trigger): <see cref="NextTimerAsync"/> returns the due time of the next timer created.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer armed; fails naming <paramref name="phase"/> when none is within 10 s.</summary>
    public async Task<TimeSpan> NextTimerAsync(string phase)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _armed.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no timer armed within 10 s: {phase} did not happen");
        }
    }

    /// <summary>Waits for the next timer, checks its due time, and advances the clock to it.</summary>
    public async Task AdvanceToNextTimerAsync(TimeSpan expected, string phase)
    {
        var due = await NextTimerAsync(phase);
        if (due != expected)
            throw new InvalidOperationException($"{phase}: the next timer is due in {due}, not {expected}");
        Advance(due);
    }
}
