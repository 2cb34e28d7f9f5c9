using System.Collections.Concurrent;
using Zos.Core.Bringup;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Public;

/// <summary>An <see cref="INicProber"/> that answers each NIC with a fixed result and records which NICs it probed.</summary>
internal sealed class FixedProber(IReadOnlyDictionary<string, NicProbeResult> results) : INicProber
{
    public ConcurrentQueue<string> Probed { get; } = new();

    public Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        Probed.Enqueue(nic.Name);
        return Task.FromResult(results[nic.Name]);
    }
}
