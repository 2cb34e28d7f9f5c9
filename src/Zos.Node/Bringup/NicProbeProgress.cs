using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// What a running probe has reached so far, written by the prober and read by bring-up's early choice (it decides
/// how long slower probes may still run, <see cref="ProbeCutoff"/>, and reports a probe it cut short from here
/// without waiting for that probe's cleanup). Thread-safe; <see cref="Changed"/> fires after each step.
/// </summary>
public sealed class NicProbeProgress(string nic, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _setupDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _carrierAt;
    private DateTimeOffset? _dhcpStartedAt;
    private DateTimeOffset? _leaseAt;
    private DhcpLease? _lease;

    public string Nic => nic;

    /// <summary>Fires (on the prober's thread) after carrier, DHCP start or a lease was recorded.</summary>
    public event Action<NicProbeProgress>? Changed;

    public DateTimeOffset? CarrierAt
    {
        get
        {
            lock (_lock)
                return _carrierAt;
        }
    }

    public DateTimeOffset? DhcpStartedAt
    {
        get
        {
            lock (_lock)
                return _dhcpStartedAt;
        }
    }

    public DateTimeOffset? LeaseAt
    {
        get
        {
            lock (_lock)
                return _leaseAt;
        }
    }

    public DhcpLease? Lease
    {
        get
        {
            lock (_lock)
                return _lease;
        }
    }

    /// <summary>Completes when the probe's namespace setup is over (or the probe ended without it): the next NIC's setup may start.</summary>
    public Task SetupDone => _setupDone.Task;

    public void SetupFinished() => _setupDone.TrySetResult();

    public void CarrierSeen() => Mark(() => _carrierAt ??= time.GetUtcNow());

    public void DhcpStarted() => Mark(() => _dhcpStartedAt ??= time.GetUtcNow());

    public void LeaseReceived(DhcpLease lease) => Mark(() =>
    {
        _lease = lease;
        _leaseAt = time.GetUtcNow();
    });

    private void Mark(Action change)
    {
        lock (_lock)
            change();
        Changed?.Invoke(this);
    }
}
