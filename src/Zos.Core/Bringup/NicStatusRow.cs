namespace Zos.Core.Bringup;

/// <summary>
/// One line of the per-NIC table shown on the console and kept in the status file: what the farmer needs to
/// see why a NIC was or was not used (zos-networking.md §7, problem 1). Text fields are already formatted.
/// </summary>
public sealed record NicStatusRow(
    string Nic,
    string Mac,
    bool Carrier,
    string? DhcpOffer,
    string? Gateway,
    string? Ipv6,
    bool Chosen,
    string? WhyNot)
{
    /// <summary>What the NIC was waited for in its last probe round and why the wait ended (<see cref="ProbeWaitText"/>), or null.</summary>
    public string? Wait { get; init; }

    /// <summary>The rows for one attempt, in NIC name order; with <paramref name="round"/>, each failed NIC says what it was waited for.</summary>
    public static IReadOnlyList<NicStatusRow> From(IReadOnlyList<NicProbeResult> probes, NicSelection selection, ProbeRound? round = null) =>
        probes.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new NicStatusRow(
            p.Name,
            p.Mac.ToString(),
            p.HasCarrier,
            p.Lease?.ToString(),
            p.Lease is { HasRouter: true } lease ? string.Join(",", lease.Routers) : null,
            Ipv6Text(p.Ipv6),
            selection.Chosen?.Name == p.Name,
            selection.WhyNot.GetValueOrDefault(p.Name))
        {
            Wait = round is null ? null : ProbeWaitText.Describe(p, round),
        }).ToList();

    private static string? Ipv6Text(Ipv6Observation v6)
    {
        if (v6.GlobalAddresses.Count == 0 && v6.DefaultRouter is null)
            return null;
        var address = v6.GlobalAddresses.Count > 0 ? string.Join(",", v6.GlobalAddresses) : "no address";
        return v6.DefaultRouter is null ? $"{address} (no RA route)" : $"{address} via RA";
    }
}
