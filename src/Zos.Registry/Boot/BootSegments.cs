using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Registry.Boot;

/// <summary>
/// Cuts a MAC's boot steps (in time order) into boots. A boot goes forward through DHCP, loader, script, kernel and
/// registration; a step that goes back in that order starts the next boot (a machine that registered and then fetches
/// the loader again has rebooted). DHCP alone cannot mark a boot's start: a reboot within the lease makes no new lease
/// and so no "dhcpSeen" step, and a refused loader is retried without one. Steps of unknown names stay in the boot
/// they arrive in. Pure: the store keeps a boot id per row from this, and prunes old boots with it.
/// </summary>
public static class BootSegments
{
    /// <summary>The step the registry adds when a node of the farm registers with a MAC that has boot steps.</summary>
    public const string Registered = "registered";

    /// <summary>The place of <paramref name="step"/> in a boot; null for a step this registry does not know.</summary>
    public static int? Rank(string step) => step switch
    {
        "dhcpSeen" => 0,
        "loaderFetched" or "loaderRefused" => 1,
        "scriptFetched" or "scriptRefused" => 2,
        "kernelFetched" => 3,
        Registered => 4,
        _ => null,
    };

    /// <summary>
    /// The "registered" step of node <paramref name="nodeId"/> for each distinct MAC of its NICs that parses (normalised
    /// as the boot server's steps are), at <paramref name="time"/>.
    /// </summary>
    public static IReadOnlyList<BootEventReport> RegisteredSteps(string nodeId, IEnumerable<InterfaceInfo> interfaces, DateTimeOffset time) =>
        [.. interfaces.Select(i => MacAddress.TryParse(i.Mac, null, out var mac) ? mac.ToString() : null).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(mac => new BootEventReport(mac, Registered, time, null, $"node {nodeId}"))];

    /// <summary>
    /// For each of <paramref name="steps"/> (time order), the time of the first step of its boot: the boot's id,
    /// stable when older boots are pruned.
    /// </summary>
    public static long[] BootStarts(IReadOnlyList<(string Step, long Time)> steps)
    {
        var starts = new long[steps.Count];
        int? furthest = null; // the rank of the boot's latest known step
        for (var i = 0; i < steps.Count; i++)
        {
            var rank = Rank(steps[i].Step);
            if (i == 0 || rank < furthest)
            {
                starts[i] = steps[i].Time;
                furthest = rank;
            }
            else
            {
                starts[i] = starts[i - 1];
                furthest = rank ?? furthest;
            }
        }
        return starts;
    }

    /// <summary>The rows to drop so that only the newest <paramref name="maxBoots"/> boots and <paramref name="maxSteps"/> steps stay (indexes into <paramref name="bootStarts"/>, time order).</summary>
    public static IEnumerable<int> Pruned(long[] bootStarts, int maxBoots, int maxSteps)
    {
        var boots = bootStarts.Distinct().ToList();
        var oldestKept = boots.Count > maxBoots ? boots[^maxBoots] : long.MinValue;
        var firstKept = Math.Max(0, bootStarts.Length - maxSteps);
        for (var i = 0; i < bootStarts.Length; i++)
        {
            if (bootStarts[i] < oldestKept || i < firstKept)
                yield return i;
        }
    }

    /// <summary>Stored steps (each with its boot id) as boots, oldest first, each with its steps in time order.</summary>
    public static IReadOnlyList<BootRun> Runs(IEnumerable<(long BootStart, BootEventReport Event)> rows) =>
        [.. rows.GroupBy(r => r.BootStart).OrderBy(g => g.Key)
            .Select(g => new BootRun(DateTimeOffset.FromUnixTimeMilliseconds(g.Key), [.. g.Select(r => r.Event).OrderBy(e => e.Time)]))];
}
