using System.Net;
using Zos.Core.Primitives;

namespace Zos.Node.Bringup;

/// <summary>
/// The rtnetlink and sysctl operations bring-up needs in the node's own namespace. The adapter over Zos.Linux's
/// netlink implements it; bring-up logic and its unit tests only see this seam.
/// </summary>
public interface ILinkControl
{
    IReadOnlyList<HostLink> ListLinks();

    IReadOnlyList<LinkAddress> ListAddresses(string link);

    /// <summary>True when a default route of <paramref name="ipv6"/>'s family leaves through <paramref name="link"/>.</summary>
    bool HasDefaultRoute(string link, bool ipv6);

    bool GetVlanFiltering(string bridge);

    /// <summary>Creates the bridge if missing (MTU 1500), with <paramref name="vlanFiltering"/>; EEXIST tolerated.</summary>
    void EnsureBridge(string name, bool vlanFiltering);

    void SetVlanFiltering(string bridge, bool on);

    void DeleteLink(string name);

    void SetMac(string link, MacAddress mac);

    void SetUp(string link, bool up);

    /// <summary>Enslaves <paramref name="link"/> to <paramref name="master"/>, or releases it when null.</summary>
    void SetMaster(string link, string? master);

    /// <summary><c>bridge vlan add vid VID dev DEV [pvid] [untagged] [self]</c>.</summary>
    void BridgeVlanAdd(string device, ushort vid, bool pvid, bool untagged, bool self);

    /// <summary><c>bridge vlan del vid VID dev DEV [self]</c>.</summary>
    void BridgeVlanDelete(string device, ushort vid, bool self);

    /// <summary>Reads /proc/sys/net/... of the node's namespace ("net.ipv6.conf.zos.disable_ipv6").</summary>
    string? GetSysctl(string key);

    void SetSysctl(string key, string value);

    void ReplaceAddress(string link, IPAddress address, int prefixLength, TimeSpan? validLifetime);

    void RemoveAddress(string link, IPAddress address, int prefixLength);

    /// <summary>Replaces the IPv4 default route with one via <paramref name="gateway"/> on <paramref name="link"/>.</summary>
    void ReplaceDefaultRoute4(string link, IPAddress gateway);

    void RemoveDefaultRoute4(string link);

    /// <summary>Calls <paramref name="changed"/> on every address added to or removed from <paramref name="link"/> (netlink events).</summary>
    IDisposable WatchAddresses(string link, Action changed);
}
