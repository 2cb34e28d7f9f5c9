using System.Globalization;

namespace Zos.Core.Bringup;

/// <summary>
/// How long one probe round waits on each NIC: for carrier after bringing it up, then DHCP DISCOVER rounds of
/// <see cref="DhcpTryTimeout"/> each (udhcpc -t/-T). <see cref="Number"/> is 1 for the first round.
/// </summary>
public sealed record ProbeRound(int Number, TimeSpan CarrierWait, int DhcpTries, TimeSpan DhcpTryTimeout)
{
    /// <summary>The longest a NIC with carrier but no offer is listened to in this round.</summary>
    public TimeSpan DhcpWindow => DhcpTryTimeout * DhcpTries;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"round {Number}: carrier wait {CarrierWait.TotalSeconds:0.#} s, DHCP {DhcpTries} × {DhcpTryTimeout.TotalSeconds:0.#} s");
}
