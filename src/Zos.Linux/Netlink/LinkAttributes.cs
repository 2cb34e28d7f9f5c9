using Zos.Core.Primitives;

namespace Zos.Linux.Netlink;

/// <summary>Resolved attributes of a link to create (names already turned into indexes and fds).</summary>
/// <param name="Name">IFLA_IFNAME.</param>
/// <param name="Mtu">IFLA_MTU.</param>
/// <param name="Mac">IFLA_ADDRESS.</param>
/// <param name="Group">IFLA_GROUP.</param>
/// <param name="MasterIndex">IFLA_MASTER.</param>
/// <param name="NamespaceFd">IFLA_NET_NS_FD.</param>
/// <param name="Up">IFF_UP in ifi_flags and ifi_change.</param>
internal readonly record struct LinkAttributes(string Name, uint? Mtu = null, MacAddress? Mac = null, uint? Group = null,
    int? MasterIndex = null, int? NamespaceFd = null, bool Up = false);
