namespace Zos.Core.Naming;

/// <summary>
/// Fixed names of bridges, namespaces and links that Zero-OS uses on every node (zos-networking.md §9). Operators
/// know them, so Zos keeps them. Per-network names (n-, b-, w-, m- + NetID) are on <see cref="NetId"/>.
/// </summary>
public static class InterfaceNames
{
    /// <summary>Kernel limit on interface names (IFNAMSIZ 16 including the terminating NUL, include/uapi/linux/if.h).</summary>
    public const int MaxLength = 15;

    // Bridges in the host namespace.
    /// <summary>Management bridge: the selected NIC, its MAC, DHCP.</summary>
    public const string ZosBridge = "zos";
    /// <summary>Public bridge: uplink is the second NIC (dual-NIC) or the veth pair to zos (single-NIC).</summary>
    public const string PublicBridge = "br-pub";
    /// <summary>Bridge joining every network resource's "public" macvlan to ndmz's "tonrs".</summary>
    public const string NdmzBridge = "br-ndmz";
    public const string YggdrasilBridge = "br-ygg";
    public const string MyceliumBridge = "br-my";

    // Namespaces.
    public const string NdmzNamespace = "ndmz";
    /// <summary>Exists only when the node has a public config.</summary>
    public const string PublicNamespace = "public";
    public const string PublicTestNamespace = "pubtestns";

    // Links.
    /// <summary>ndmz's macvlan on br-ndmz, gateway of every network resource (100.127.0.1, fd00::1).</summary>
    public const string ToNetworkResources = "tonrs";
    /// <summary>ndmz's IPv4 uplink: macvlan on zos, DHCP, MAC derived from nodeId + "-ndmz4".</summary>
    public const string Npub4 = "npub4";
    /// <summary>ndmz's IPv6 uplink: macvlan on br-pub, SLAAC, MAC derived from nodeId + "-ndmz6".</summary>
    public const string Npub6 = "npub6";
    /// <summary>The macvlan on br-pub in the public namespace, and each network resource's macvlan on br-ndmz.</summary>
    public const string Public = "public";
    /// <summary>Single-NIC mode: veth end enslaved to zos.</summary>
    public const string ToZos = "tozos";
    /// <summary>Single-NIC mode: veth end enslaved to br-pub.</summary>
    public const string PublicToZos = "p-tozos";
    /// <summary>Macvlan on br-pub inside pubtestns.</summary>
    public const string PublicTest = "pub";
    public const string NdmzYggdrasil = "nygg6";
    public const string NdmzMycelium = "nmy6";
    public const string YggdrasilDummy = "dumdum";
    public const string MyceliumDummy = "mydumdum";

    // Suffixes of the deterministic MAC inputs (DerivedMac).
    public const string Npub4MacSuffix = "-ndmz4";
    public const string Npub6MacSuffix = "-ndmz6";
    public const string PublicMacSuffix = "-public";

    /// <summary>True when <paramref name="name"/> is a legal Linux interface name (1-15 chars, no '/', ':' or whitespace, not "." or "..").</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name is not "." and not ".."
        && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));
}
