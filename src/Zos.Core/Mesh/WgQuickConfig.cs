using System.Text;
using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>
/// Renders the wg-quick(8) configuration of a user-access member (zos-networking.md §6.3 step 7): its WireGuard
/// address, the access node as the only peer with the whole range and 100.64.0.0/16 routed into the tunnel.
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
        text.Append("Address = ").Append(config.WireGuardAddress).Append("/32\n");
        text.Append("PrivateKey = ").Append(privateKey ?? $"<private key of {memberId}: wg genkey>").Append('\n');
        if (config.Member.ListenPort > 0)
            text.Append("ListenPort = ").Append(config.Member.ListenPort).Append('\n');
        foreach (var peer in config.Peers)
        {
            text.Append("\n[Peer]\n");
            text.Append("# ").Append(peer.MemberId).Append(plan.AccessNodeId == peer.MemberId ? " (access node)" : "").Append('\n');
            text.Append("PublicKey = ").Append(peer.PublicKey).Append('\n');
            text.Append("AllowedIPs = ").AppendJoin(", ", peer.AllowedIPs).Append('\n');
            if (peer.Endpoint is { } endpoint)
                text.Append("Endpoint = ").Append(endpoint).Append('\n');
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                text.Append("PersistentKeepalive = ").Append(keepalive).Append('\n');
        }

        return text.ToString();
    }
}
