using System.Text.Json;
using Xunit;
using Zos.Core.Primitives;
using Zos.Node.Bringup;
using Zos.Node.Linux;
using Zos.Testing;

namespace Zos.Node.Tests.Bringup;

/// <summary>
/// <see cref="ZosBridgeBuilder"/> through the real netlink adapter in a scratch namespace, read back with iproute2
/// (privileged). The request bytes of each bridge VLAN call are compared with iproute2's in Zos.Linux's
/// BridgeVlanTests (same shapes: self on the bridge pvid untagged, tagged port, deletion of VID 1).
/// </summary>
public sealed class ZosBridgeKernelTests : IDisposable
{
    private static readonly MacAddress s_mac = MacAddress.Parse("02:5a:00:00:00:01");
    private readonly string _ns = TestNames.New("zbr");
    private bool _created;

    /// <summary>A namespace with one veth "NIC" eth0 (its peer sw0 stays there too).</summary>
    private void CreateNamespace()
    {
        Require.Privileged("ip", "bridge");
        Sh.Run("ip", "netns", "add", _ns).EnsureSuccess("ip netns add");
        _created = true;
        Sh.Run("ip", "-n", _ns, "link", "add", "eth0", "address", s_mac.ToString(), "type", "veth", "peer", "name", "sw0").EnsureSuccess("ip link add eth0");
    }

    private JsonElement Link(string name) => JsonDocument.Parse(Sh.Run("ip", "-n", _ns, "-j", "-d", "link", "show", name).EnsureSuccess($"ip link show {name}").StdOut).RootElement[0];

    [Fact]
    public void Attach_NoVlan_KernelShowsBridgeWithNicMacAndPort()
    {
        CreateNamespace();
        using var links = new NetlinkLinkControl(_ns);

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, null, null);

        var zos = Link("zos");
        Assert.Equal(s_mac.ToString(), zos.GetProperty("address").GetString());
        Assert.Equal(0, zos.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        Assert.Equal("zos", Link("eth0").GetProperty("master").GetString());
        Assert.Equal("1", Sh.Run("ip", "netns", "exec", _ns, "sysctl", "-n", "net.ipv6.conf.eth0.disable_ipv6").StdOut.Trim());
        Assert.Equal("0", Sh.Run("ip", "netns", "exec", _ns, "sysctl", "-n", "net.ipv6.conf.zos.disable_ipv6").StdOut.Trim());
    }

    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public void Attach_PrivateAndPublicVlan_KernelWithVlanFilteringShowsMembership()
    {
        CreateNamespace();
        if (KernelVm.RanInVm("VLAN filtering", () =>
        {
            var probe = Sh.Run("ip", "-n", _ns, "link", "add", "zprobe", "type", "bridge", "vlan_filtering", "1");
            Sh.Run("ip", "-n", _ns, "link", "del", "zprobe");
            return probe.ExitCode == 0;
        }))
            return;
        using var links = new NetlinkLinkControl(_ns);

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, privateVlan: 100, publicVlan: 200);

        Assert.Equal(1, Link("zos").GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        using var doc = JsonDocument.Parse(Sh.Run("bridge", "-n", _ns, "-j", "vlan", "show").EnsureSuccess("bridge vlan show").StdOut);
        var vlans = doc.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("ifname").GetString()!,
            e => e.GetProperty("vlans").EnumerateArray().ToDictionary(
                v => v.GetProperty("vlan").GetInt32(),
                v => v.TryGetProperty("flags", out var f) ? string.Join(",", f.EnumerateArray().Select(x => x.GetString())) : ""));
        // zos itself (self): only the management VLAN, as PVID and untagged; the NIC: both VLANs tagged, VID 1 gone.
        Assert.Equal(new Dictionary<int, string> { [100] = "PVID,Egress Untagged" }, vlans["zos"]);
        Assert.Equal(new Dictionary<int, string> { [100] = "", [200] = "" }, vlans["eth0"]);
    }

    [Fact]
    public void Detach_AfterAddressesOnZos_NicFreeAndZosWithoutIpv4OrGlobalIpv6()
    {
        CreateNamespace();
        using var links = new NetlinkLinkControl(_ns);
        ZosBridgeBuilder.Attach(links, "eth0", s_mac, null, null);
        Sh.Run("ip", "-n", _ns, "link", "set", "sw0", "up").EnsureSuccess("ip link set sw0 up");
        // What a lease and SLAAC on the old segment leave (dynamic IPv6 addresses as the kernel makes them from RAs).
        Sh.Run("ip", "-n", _ns, "addr", "add", "10.61.0.23/24", "dev", "zos").EnsureSuccess("ip addr add v4");
        Sh.Run("ip", "-n", _ns, "route", "add", "default", "via", "10.61.0.1", "dev", "zos").EnsureSuccess("ip route add default");
        Sh.Run("ip", "-n", _ns, "addr", "add", "2001:db8:61::5/64", "dev", "zos", "valid_lft", "3600", "preferred_lft", "1800", "nodad").EnsureSuccess("ip addr add v6");

        ZosBridgeBuilder.Detach(links, "eth0");

        Assert.False(Link("eth0").TryGetProperty("master", out _));
        var left = Sh.Run("ip", "-n", _ns, "addr", "show", "dev", "zos").EnsureSuccess("ip addr show zos").StdOut;
        Assert.DoesNotContain("inet ", left, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:61::5", left, StringComparison.Ordinal);
        Assert.Equal("", Sh.Run("ip", "-n", _ns, "-4", "route", "show", "default").StdOut.Trim());
        Assert.Equal("0", Sh.Run("ip", "netns", "exec", _ns, "sysctl", "-n", "net.ipv6.conf.zos.disable_ipv6").StdOut.Trim());
    }

    public void Dispose()
    {
        if (_created)
            Sh.Run("ip", "netns", "del", _ns);
    }
}
