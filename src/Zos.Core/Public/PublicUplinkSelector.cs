namespace Zos.Core.Public;

/// <summary>
/// Chooses br-pub's uplink (reference §3.2 and zos#1753/#1817/#1872): a NIC declared by the farmer wins;
/// else the choice persisted by an earlier run while that NIC is still plugged; else the first plugged NIC, in name
/// order (deterministic, unlike the original's first-to-answer), that got a public IPv6 or IPv4; else single-NIC mode.
/// Pure: the caller probes the NICs and persists the result.
/// </summary>
public static class PublicUplinkSelector
{
    /// <param name="declared">The NIC the farmer declared (registry or command line), or null.</param>
    /// <param name="persisted">The choice kept from an earlier run, or null.</param>
    /// <param name="candidates">Probes of the NICs that are not the zos NIC and not enslaved elsewhere.</param>
    public static PublicUplinkChoice Choose(string? declared, PublicUplinkChoice? persisted, IReadOnlyList<PublicNicProbe> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (declared is not null)
        {
            if (declared == Naming.InterfaceNames.ZosBridge)
                return PublicUplinkChoice.SingleNic("declared by the farmer: zos (single-NIC)");
            var nic = candidates.FirstOrDefault(c => c.Name == declared);
            if (nic is null)
                return PublicUplinkChoice.SingleNic($"declared NIC '{declared}' is not an available NIC of this node ({Names(candidates)}); single-NIC until it appears");
            return new PublicUplinkChoice(PublicUplinkKind.Nic, declared, nic.Plugged
                ? $"declared by the farmer: {declared}"
                : $"declared by the farmer: {declared} (no carrier now)");
        }
        if (persisted is { Kind: PublicUplinkKind.Nic, Nic: { } kept } && candidates.Any(c => c.Name == kept && c.Plugged))
            return persisted with { Reason = $"kept from an earlier run: {kept}" };
        var detected = candidates
            .Where(c => c.Plugged && (c.PublicIpv6 || c.PublicIpv4))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (detected is not null)
        {
            var how = detected.PublicIpv6 && detected.PublicIpv4 ? "public IPv6 and IPv4" : detected.PublicIpv6 ? "public IPv6 by RA" : "public IPv4 by DHCP";
            return new PublicUplinkChoice(PublicUplinkKind.Nic, detected.Name, $"detected: {detected.Name} got {how}");
        }
        return PublicUplinkChoice.SingleNic(candidates.Count == 0
            ? "no second NIC: single-NIC"
            : $"no second NIC got a public address ({Names(candidates)}): single-NIC");
    }

    private static string Names(IReadOnlyList<PublicNicProbe> candidates) =>
        candidates.Count == 0 ? "none" : string.Join(", ", candidates.Select(c => c.Name));
}
