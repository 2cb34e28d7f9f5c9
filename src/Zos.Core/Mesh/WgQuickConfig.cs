using System.Net;
using System.Net.Sockets;
using System.Text;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Primitives;

namespace Zos.Core.Mesh;

/// <summary>
/// Renders the wg-quick(8) configuration of a user-access member (zos-networking.md §6.3 step 7): its WireGuard
/// address, the access node as the only peer with the whole range and 100.64.0.0/16 routed into the tunnel.
/// Beyond the original (IPv4 only), the member also gets an IPv6 address in its subnet's ULA /64 (Convert4to6 of
/// its subnet's .1, §4.5) and each peer the ULA prefixes of its IPv4 destinations (a /24 its /64, the range the
/// network's /48), so the laptop reaches workloads over IPv6 as well: the access node's resource already routes the
/// member's /64 to it (the registry gives every peer the ULA of its subnet).
/// </summary>
public static class WgQuickConfig
{
    /// <param name="plan">A computed mesh.</param>
    /// <param name="memberId">A user-access member of it.</param>
    /// <param name="privateKey">The member's private key; null writes a placeholder, since the key is made on the user's machine.</param>
    public static string Render(MeshPlan plan, string memberId, string? privateKey = null)
    {
        var config = plan.Find(memberId) ?? throw new ArgumentException($"'{memberId}' is not a member of network '{plan.Network.Name}'", nameof(memberId));
        if (config.Member.Kind != NetworkMemberKind.UserAccess)
            throw new ArgumentException($"member '{memberId}' is a node, not a user-access member", nameof(memberId));

        var text = new StringBuilder();
        text.Append("# zos network '").Append(plan.Network.Name).Append("' of owner '").Append(plan.Network.Owner)
            .Append("' (NetID ").Append(plan.Network.NetId.Value).Append("), user access '").Append(memberId).Append("'\n");
        text.Append("[Interface]\n");
        var netId = plan.Network.NetId;
        var ipv6 = UlaAddress.Convert4to6(netId, IpMath.FromUInt32(IpMath.ToUInt32(config.Subnet.BaseAddress) + 1));
        text.Append("Address = ").Append(config.WireGuardAddress).Append("/32, ").Append(ipv6).Append("/128\n");
        text.Append("PrivateKey = ").Append(privateKey ?? $"<private key of {memberId}: wg genkey>").Append('\n');
        if (config.Member.ListenPort > 0)
            text.Append("ListenPort = ").Append(config.Member.ListenPort).Append('\n');
        foreach (var peer in config.Peers)
        {
            text.Append("\n[Peer]\n");
            text.Append("# ").Append(peer.MemberId).Append(plan.AccessNodeId == peer.MemberId ? " (access node)" : "").Append('\n');
            text.Append("PublicKey = ").Append(peer.PublicKey).Append('\n');
            text.Append("AllowedIPs = ").AppendJoin(", ", WithUla(netId, plan.Network.IpRange, peer.AllowedIPs)).Append('\n');
            if (peer.Endpoint is { } endpoint)
                text.Append("Endpoint = ").Append(endpoint).Append('\n');
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                text.Append("PersistentKeepalive = ").Append(keepalive).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The IPv4 prefixes, then the ULA prefix of each one inside the range (a member /24: its /64; the range: the /48).</summary>
    private static IEnumerable<string> WithUla(NetId netId, IPNetwork range, IReadOnlyList<IPNetwork> allowed)
    {
        foreach (var prefix in allowed)
            yield return prefix.ToString();
        foreach (var prefix in allowed)
        {
            if (prefix.BaseAddress.AddressFamily != AddressFamily.InterNetwork || !range.Contains(prefix.BaseAddress))
                continue;
            if (prefix == range)
                yield return IpMath.NetworkOf(UlaAddress.Convert4to6(netId, range.BaseAddress), 48).ToString();
            else if (prefix.PrefixLength == 24)
                yield return UlaAddress.PrefixForSubnet(netId, prefix).ToString();
        }
    }
}
