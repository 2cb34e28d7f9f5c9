using System.Net;

namespace Zos.Core.Naming;

/// <summary>Address ranges Zero-OS uses internally on every node (zos-networking.md §9); farm and user networks must not overlap them.</summary>
public static class ReservedRanges
{
    /// <summary>Carrier-grade NAT space; Zero-OS takes 100.64.0.0/16 of it for WireGuard addresses.</summary>
    public static IPNetwork SharedAddressSpace { get; } = IPNetwork.Parse("100.64.0.0/10");

    /// <summary>The link between network resources and ndmz (gateway 100.127.0.1).</summary>
    public static IPNetwork NdmzLink { get; } = IPNetwork.Parse("100.127.0.0/16");

    /// <summary>The IPv6 side of the ndmz link.</summary>
    public static IPNetwork NdmzLink6 { get; } = IPNetwork.Parse("fd00::/64");

    public static IReadOnlyList<IPNetwork> All { get; } = [SharedAddressSpace, NdmzLink];
}
