using System.Net;
using System.Security.Cryptography;
using System.Text;
using Zos.Core.Networks;

namespace Zos.Core.Tests.Networks;

/// <summary>Builders for test networks. Keys are derived from the member id so they are stable and distinct.</summary>
internal static class TestNetworks
{
    public static string KeyFor(string id) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    public static NetworkMember Node(string id, string? subnet, string? ipv4 = null, string? ipv6 = null, int port = 5566) => new()
    {
        Id = id,
        Kind = NetworkMemberKind.Node,
        Subnet = subnet is null ? null : IPNetwork.Parse(subnet),
        PublicKey = KeyFor(id),
        ListenPort = port,
        PublicIPv4 = ipv4 is null ? null : IPAddress.Parse(ipv4),
        PublicIPv6 = ipv6 is null ? null : IPAddress.Parse(ipv6),
    };

    public static NetworkMember User(string id, string? subnet) => new()
    {
        Id = id,
        Kind = NetworkMemberKind.UserAccess,
        Subnet = subnet is null ? null : IPNetwork.Parse(subnet),
        PublicKey = KeyFor(id),
    };

    public static UserNetwork Network(params NetworkMember[] members) => new()
    {
        Owner = "42",
        Name = "mynet",
        IpRange = IPNetwork.Parse("10.20.0.0/16"),
        Members = members,
    };

    /// <summary>
    /// The tfgrid-sdk-ts example of zos-networking.md §6.3 with documentation-range endpoints: access node
    /// 10.20.2.0/24, public nodes 10.20.3.0/24 and 10.20.4.0/24, hidden node 10.20.5.0/24, user 10.20.6.0/24.
    /// </summary>
    public static UserNetwork TfgridExample() => Network(
        Node("node-a", "10.20.2.0/24", ipv4: "203.0.113.31", port: 5566),
        Node("node-b", "10.20.3.0/24", ipv4: "203.0.113.32", port: 5567),
        Node("node-c", "10.20.4.0/24", ipv4: "203.0.113.33", port: 5568),
        Node("node-d", "10.20.5.0/24", port: 5569),
        User("user", "10.20.6.0/24")) with { AccessNodeId = "node-a" };
}
