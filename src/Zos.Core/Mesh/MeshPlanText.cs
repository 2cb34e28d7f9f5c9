using System.Text;
using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>Renders a mesh plan as readable tables: one line per member, then each member's peers.</summary>
public static class MeshPlanText
{
    public static string Render(MeshPlan plan)
    {
        var network = plan.Network;
        var text = new StringBuilder();
        text.Append("network '").Append(network.Name).Append("' of owner '").Append(network.Owner).Append("', NetID ")
            .Append(network.NetId.Value).Append(", range ").Append(network.IpRange).Append(", access node ")
            .Append(plan.AccessNodeId ?? "(none needed)").Append("\n\n");

        var rows = new List<string[]> { new[] { "MEMBER", "KIND", "SUBNET", "WG ADDRESS", "REACH", "ENDPOINTS", "PEERS" } };
        foreach (var m in plan.Members)
        {
            rows.Add(
            [
                m.IsAccessNode ? m.Id + " *" : m.Id,
                NetworkMemberKindText.Format(m.Member.Kind),
                m.Subnet.ToString(),
                m.WireGuardAddress.ToString(),
                MeshPlanJson.Reachability(MeshCalculator.FamiliesOf(m.Member)),
                Endpoints(m.Member),
                m.Peers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }

        AppendTable(text, rows, "");
        foreach (var m in plan.Members)
        {
            text.Append('\n').Append(m.Id).Append(" peers:\n");
            if (m.Peers.Count == 0)
            {
                text.Append("  (none)\n");
                continue;
            }

            var peerRows = new List<string[]> { new[] { "PEER", "ENDPOINT", "KEEPALIVE", "ALLOWED IPS" } };
            foreach (var p in m.Peers)
            {
                peerRows.Add(
                [
                    p.MemberId,
                    p.Endpoint?.ToString() ?? "-",
                    p.PersistentKeepaliveSeconds is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s" : "-",
                    string.Join(", ", p.AllowedIPs),
                ]);
            }

            AppendTable(text, peerRows, "  ");
        }

        if (plan.AccessNodeId is not null)
            text.Append("\n* access node: hidden members and user access reach the mesh through it\n");
        return text.ToString();
    }

    private static string Endpoints(NetworkMember member)
    {
        if (MeshCalculator.FamiliesOf(member) == IpFamilies.None)
            return "-";
        var parts = new List<string>(2);
        if (member.PublicIPv6 is { } v6)
            parts.Add($"[{v6}]:{member.ListenPort}");
        if (member.PublicIPv4 is { } v4)
            parts.Add($"{v4}:{member.ListenPort}");
        return string.Join(" ", parts);
    }

    private static void AppendTable(StringBuilder text, List<string[]> rows, string indent)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        }

        foreach (var row in rows)
        {
            text.Append(indent);
            for (var c = 0; c < row.Length; c++)
            {
                if (c == row.Length - 1)
                    text.Append(row[c]);
                else
                    text.Append(row[c].PadRight(widths[c] + 2));
            }

            text.Append('\n');
        }
    }
}
