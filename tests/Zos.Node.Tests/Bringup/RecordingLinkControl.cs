using System.Globalization;
using System.Net;
using Zos.Core.Primitives;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>A test double of <see cref="ILinkControl"/> that records every change as the equivalent iproute2 command.</summary>
internal sealed class RecordingLinkControl : ILinkControl
{
    public List<string> Commands { get; } = [];

    public Dictionary<string, string> Sysctls { get; } = [];

    public List<HostLink> Links { get; } = [];

    public IReadOnlyList<HostLink> ListLinks() => Links;

    public Dictionary<string, List<LinkAddress>> Addresses { get; } = [];

    public IReadOnlyList<LinkAddress> ListAddresses(string link) => Addresses.GetValueOrDefault(link) ?? [];

    public bool HasDefaultRoute(string link, bool ipv6) => false;

    public bool GetVlanFiltering(string bridge) => false;

    public void EnsureBridge(string name, bool vlanFiltering) => Commands.Add($"ip link add {name} type bridge vlan_filtering {(vlanFiltering ? 1 : 0)}");

    public void SetVlanFiltering(string bridge, bool on) => Commands.Add($"ip link set {bridge} type bridge vlan_filtering {(on ? 1 : 0)}");

    public void DeleteLink(string name) => Commands.Add($"ip link del {name}");

    public void SetMac(string link, MacAddress mac) => Commands.Add($"ip link set {link} address {mac}");

    public void SetUp(string link, bool up) => Commands.Add($"ip link set {link} {(up ? "up" : "down")}");

    public void SetMaster(string link, string? master) => Commands.Add(master is null ? $"ip link set {link} nomaster" : $"ip link set {link} master {master}");

    public void BridgeVlanAdd(string device, ushort vid, bool pvid, bool untagged, bool self) =>
        Commands.Add(string.Create(CultureInfo.InvariantCulture, $"bridge vlan add vid {vid} dev {device}{(pvid ? " pvid" : "")}{(untagged ? " untagged" : "")}{(self ? " self" : "")}"));

    public void BridgeVlanDelete(string device, ushort vid, bool self) =>
        Commands.Add(string.Create(CultureInfo.InvariantCulture, $"bridge vlan del vid {vid} dev {device}{(self ? " self" : "")}"));

    public string? GetSysctl(string key) => Sysctls.GetValueOrDefault(key);

    public void SetSysctl(string key, string value)
    {
        Sysctls[key] = value;
        Commands.Add($"sysctl {key}={value}");
    }

    public void ReplaceAddress(string link, IPAddress address, int prefixLength, TimeSpan? validLifetime) =>
        Commands.Add(string.Create(CultureInfo.InvariantCulture, $"ip addr replace {address}/{prefixLength} dev {link}{(validLifetime is { } v ? $" valid_lft {v.TotalSeconds}" : "")}"));

    public void RemoveAddress(string link, IPAddress address, int prefixLength) => Commands.Add($"ip addr del {address}/{prefixLength} dev {link}");

    public void ReplaceDefaultRoute4(string link, IPAddress gateway) => Commands.Add($"ip route replace default via {gateway} dev {link}");

    public void RemoveDefaultRoute4(string link) => Commands.Add($"ip route del default dev {link}");

    public IDisposable WatchAddresses(string link, Action changed) => new MemoryStream();
}
