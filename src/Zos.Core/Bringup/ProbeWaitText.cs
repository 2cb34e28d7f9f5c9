using System.Globalization;

namespace Zos.Core.Bringup;

/// <summary>
/// What a NIC was waited for in a round and why the wait ended without it being usable, for the console and the
/// status file: "no carrier yet after 3 s", "no offer after 4 DHCP tries of 1 s", "offer without router". Null when the
/// NIC works or its probe did not wait the round's whole time (not probed, cut short, probe error).
/// </summary>
public static class ProbeWaitText
{
    public static string? Describe(NicProbeResult probe, ProbeRound round)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(round);
        if (probe.CutShort)
            return null;
        return probe.Failure switch
        {
            ProbeFailure.NoCarrier => string.Create(CultureInfo.InvariantCulture, $"no carrier yet after {round.CarrierWait.TotalSeconds:0.#} s (round {round.Number})"),
            ProbeFailure.NoOffer => string.Create(CultureInfo.InvariantCulture,
                $"no offer after {round.DhcpTries} DHCP tries of {round.DhcpTryTimeout.TotalSeconds:0.#} s (round {round.Number})"),
            ProbeFailure.NoRouter => $"offer without router ({probe.Lease}) (round {round.Number})",
            _ => null,
        };
    }
}
