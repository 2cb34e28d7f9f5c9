using System.Text.Json;
using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>Writes a mesh plan as JSON: the network, the access node, and per member its subnet, WireGuard address, endpoints and peers.</summary>
public static class MeshPlanJson
{
    public static void Write(MeshPlan plan, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("owner", plan.Network.Owner);
        json.WriteString("name", plan.Network.Name);
        json.WriteString("netId", plan.Network.NetId.Value);
        json.WriteString("ipRange", plan.Network.IpRange.ToString());
        if (plan.AccessNodeId is null)
            json.WriteNull("accessNode");
        else
            json.WriteString("accessNode", plan.AccessNodeId);
        json.WriteStartArray("members");
        foreach (var member in plan.Members)
        {
            json.WriteStartObject();
            json.WriteString("id", member.Id);
            json.WriteString("kind", NetworkMemberKindText.Format(member.Member.Kind));
            json.WriteString("subnet", member.Subnet.ToString());
            json.WriteString("wireGuardAddress", member.WireGuardAddress.ToString());
            json.WriteString("publicKey", member.Member.PublicKey);
            json.WriteNumber("listenPort", member.Member.ListenPort);
            json.WriteString("reachability", Reachability(MeshCalculator.FamiliesOf(member.Member)));
            json.WriteBoolean("accessNode", member.IsAccessNode);
            json.WriteStartArray("peers");
            foreach (var peer in member.Peers)
            {
                json.WriteStartObject();
                json.WriteString("id", peer.MemberId);
                json.WriteString("publicKey", peer.PublicKey);
                json.WriteStartArray("allowedIps");
                foreach (var allowed in peer.AllowedIPs)
                    json.WriteStringValue(allowed.ToString());
                json.WriteEndArray();
                if (peer.Endpoint is null)
                    json.WriteNull("endpoint");
                else
                    json.WriteString("endpoint", peer.Endpoint.ToString());
                if (peer.PersistentKeepaliveSeconds is { } keepalive)
                    json.WriteNumber("persistentKeepalive", keepalive);
                else
                    json.WriteNull("persistentKeepalive");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static string Reachability(IpFamilies families) => families switch
    {
        IpFamilies.DualStack => "dual-stack",
        IpFamilies.IPv4 => "ipv4",
        IpFamilies.IPv6 => "ipv6",
        _ => "hidden",
    };
}
