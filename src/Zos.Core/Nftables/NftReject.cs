namespace Zos.Core.Nftables;

/// <summary>
/// <c>reject [with ...]</c>. ICMP codes render as <c>icmpx</c> in inet/bridge tables (valid for both IP versions),
/// <c>icmp</c> in ip tables and <c>icmpv6</c> in ip6 tables.
/// </summary>
public sealed record NftReject(NftRejectKind Kind = NftRejectKind.Default) : NftStatement
{
    internal override string Render(NftFamily family)
    {
        if (Kind == NftRejectKind.Default)
            return "reject";
        if (Kind == NftRejectKind.TcpReset)
            return "reject with tcp reset";
        var (icmp, code) = (family, Kind) switch
        {
            (NftFamily.Ip, NftRejectKind.AdminProhibited) => ("icmp", "admin-prohibited"),
            (NftFamily.Ip, NftRejectKind.PortUnreachable) => ("icmp", "port-unreachable"),
            (NftFamily.Ip, NftRejectKind.HostUnreachable) => ("icmp", "host-unreachable"),
            (NftFamily.Ip6, NftRejectKind.AdminProhibited) => ("icmpv6", "admin-prohibited"),
            (NftFamily.Ip6, NftRejectKind.PortUnreachable) => ("icmpv6", "port-unreachable"),
            (NftFamily.Ip6, NftRejectKind.HostUnreachable) => ("icmpv6", "addr-unreachable"),
            (NftFamily.Inet or NftFamily.Bridge, NftRejectKind.AdminProhibited) => ("icmpx", "admin-prohibited"),
            (NftFamily.Inet or NftFamily.Bridge, NftRejectKind.PortUnreachable) => ("icmpx", "port-unreachable"),
            (NftFamily.Inet or NftFamily.Bridge, NftRejectKind.HostUnreachable) => ("icmpx", "host-unreachable"),
            _ => throw new InvalidOperationException($"reject with {Kind} is not available in a {family.ToString().ToLowerInvariant()} table"),
        };
        return $"reject with {icmp} type {code}";
    }
}
