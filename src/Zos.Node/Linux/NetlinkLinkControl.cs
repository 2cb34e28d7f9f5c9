using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Sysctl;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// <see cref="ILinkControl"/> over Zos.Linux's rtnetlink in the daemon's own namespace (the whole daemon process
/// lives in the node namespace). One socket, used under a lock: requests and their acks must not interleave.
/// </summary>
public sealed class NetlinkLinkControl : ILinkControl, IDisposable
{
    private readonly Lock _lock = new();
    private readonly RouteNetlink _netlink;
    private readonly NetworkNamespace _self;
    private readonly bool _own;

    /// <summary>Works in the process's own namespace (the daemon: the whole process runs in the node namespace).</summary>
    public NetlinkLinkControl()
    {
        _netlink = RouteNetlink.Open();
        _self = NetworkNamespace.OpenCurrent();
        _own = true;
    }

    /// <summary>Works in the named namespace /run/netns/<paramref name="netns"/> (tests, tools).</summary>
    public NetlinkLinkControl(string netns)
    {
        _self = NetworkNamespace.Open(netns);
        _netlink = RouteNetlink.Open(_self);
    }

    public IReadOnlyList<HostLink> ListLinks()
    {
        lock (_lock)
            return _netlink.GetLinks().Select(ToHostLink).ToList();
    }

    internal static HostLink ToHostLink(LinkInfo l) => new(
        l.Name,
        l.Index,
        l.Kind ?? ((l.Flags & LinkFlags.Loopback) != 0 ? "loopback" : "device"),
        l.Mac ?? MacAddress.Zero,
        l.MasterIndex,
        l.IsUp,
        l.IsUp && (l.Carrier ?? (l.Flags & LinkFlags.LowerUp) != 0));

    public IReadOnlyList<LinkAddress> ListAddresses(string link)
    {
        lock (_lock)
        {
            if (_netlink.FindLink(link) is null)
                return [];
            return _netlink.GetAddresses(link)
                .Select(a => new LinkAddress(a.Address, a.PrefixLength, (a.Flags & AddressFlags.Tentative) != 0))
                .ToList();
        }
    }

    public bool HasDefaultRoute(string link, bool ipv6)
    {
        lock (_lock)
        {
            if (_netlink.FindLink(link) is not { } l)
                return false;
            return _netlink.GetRoutes(ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, 254)
                .Any(r => r.IsDefault && r.OutputLinkIndex == l.Index);
        }
    }

    public bool GetVlanFiltering(string bridge)
    {
        lock (_lock)
            return _netlink.FindLink(bridge)?.VlanFiltering ?? false;
    }

    public void EnsureBridge(string name, bool vlanFiltering)
    {
        lock (_lock)
            _netlink.EnsureBridge(name, vlanFiltering, new LinkCreateOptions { Mtu = 1500 });
    }

    public void SetVlanFiltering(string bridge, bool on)
    {
        lock (_lock)
            _netlink.SetBridgeVlanFiltering(bridge, on);
    }

    public void DeleteLink(string name)
    {
        lock (_lock)
            _netlink.EnsureLinkDeleted(name);
    }

    public void SetMac(string link, MacAddress mac)
    {
        lock (_lock)
            _netlink.SetMac(link, mac);
    }

    public void SetUp(string link, bool up)
    {
        lock (_lock)
        {
            if (up)
                _netlink.SetUp(link);
            else
                _netlink.SetDown(link);
        }
    }

    public void SetMaster(string link, string? master)
    {
        lock (_lock)
        {
            if (master is null)
                _netlink.SetNoMaster(link);
            else
                _netlink.SetMaster(link, master);
        }
    }

    public void BridgeVlanAdd(string device, ushort vid, bool pvid, bool untagged, bool self)
    {
        lock (_lock)
            _netlink.AddBridgeVlan(device, new BridgeVlan(vid, pvid, untagged), self);
    }

    public void BridgeVlanDelete(string device, ushort vid, bool self)
    {
        lock (_lock)
            _netlink.DeleteBridgeVlan(device, new BridgeVlan(vid), self);
    }

    public string? GetSysctl(string key)
    {
        try
        {
            // In our own namespace /proc/sys/net is this namespace's for every thread: no namespace thread needed.
            return _own ? File.ReadAllText(NamespaceSysctl.ToPath(key)).TrimEnd('\n') : NamespaceSysctl.Read(_self, key);
        }
        catch (Exception e) when (e is Zos.Linux.Interop.SystemCallException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void SetSysctl(string key, string value)
    {
        if (_own)
            File.WriteAllText(NamespaceSysctl.ToPath(key), value);
        else
            NamespaceSysctl.Write(_self, key, value);
    }

    public void ReplaceAddress(string link, IPAddress address, int prefixLength, TimeSpan? validLifetime)
    {
        // The lease time is enforced by the DHCP client (it reports expiry); the address itself is permanent.
        lock (_lock)
            _netlink.EnsureAddress(link, address, prefixLength);
    }

    public void RemoveAddress(string link, IPAddress address, int prefixLength)
    {
        lock (_lock)
            _netlink.EnsureAddressDeleted(link, address, prefixLength);
    }

    public void ReplaceDefaultRoute4(string link, IPAddress gateway)
    {
        lock (_lock)
            _netlink.ReplaceRoute(new RouteSpec(new IPNetwork(IPAddress.Any, 0)) { Gateway = gateway, Device = link });
    }

    public void RemoveDefaultRoute4(string link)
    {
        lock (_lock)
            _netlink.EnsureRouteDeleted(new RouteSpec(new IPNetwork(IPAddress.Any, 0)) { Device = link });
    }

    public IDisposable WatchAddresses(string link, Action changed)
    {
        var events = RouteNetlinkEvents.Open(RouteNetlinkGroups.IPv4Addresses | RouteNetlinkGroups.IPv6Addresses);
        var stop = new CancellationTokenSource();
        int? index;
        lock (_lock)
            index = _netlink.FindLink(link)?.Index;
        _ = Task.Run(async () =>
        {
            await foreach (var e in events.ReadAllAsync(stop.Token))
            {
                if (e.Kind == RouteNetlinkEventKind.Overrun || e.Address?.LinkIndex == index)
                    changed();
            }
        });
        return new Subscription(events, stop);
    }

    public void Dispose()
    {
        _netlink.Dispose();
        _self.Dispose();
    }

    private sealed class Subscription(RouteNetlinkEvents events, CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            events.Dispose();
            stop.Dispose();
        }
    }
}
