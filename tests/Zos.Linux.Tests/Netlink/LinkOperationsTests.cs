using Xunit;
using Zos.Core.Primitives;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

/// <summary>Link operations in scratch namespaces, checked with <c>ip -d -j link</c>.</summary>
public sealed class LinkOperationsTests
{
    [Fact]
    public void CreateBridge_InNamespace_IpSeesBridgeWithOptions()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        var mac = MacAddress.Parse("02:00:00:aa:bb:01");

        var echoed = s.Netlink.CreateBridge("br0", options: new LinkCreateOptions { Mtu = 1400, Mac = mac, Group = 7, Up = true });

        var link = IpJson.Link(s.Name, "br0")!.Value;
        Assert.Equal("bridge", link.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, link.GetProperty("mtu").GetInt32());
        Assert.Equal("02:00:00:aa:bb:01", link.GetProperty("address").GetString());
        Assert.Equal("7", link.GetProperty("group").ToString());
        Assert.Contains("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, link.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        var ours = s.Netlink.GetLink("br0");
        Assert.Equal(("bridge", 1400u, mac, 7u, true, false), (ours.Kind, ours.Mtu, ours.Mac!.Value, ours.Group, ours.IsUp, ours.VlanFiltering!.Value));
        Assert.Equal((ours.Index, "br0", "bridge"), (echoed!.Index, echoed.Name, echoed.Kind));
        Assert.Equal(link.GetProperty("ifindex").GetInt32(), echoed.Index);
    }

    [Fact]
    public void CreateBridge_Twice_ThrowsNamingOperationAndErrno()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        s.Netlink.CreateBridge("zos");

        var e = Assert.Throws<NetlinkKernelException>(() => s.Netlink.CreateBridge("zos"));

        Assert.Equal("create bridge zos: File exists (EEXIST)", e.Message);
        Assert.Equal(17, e.Errno);
        Assert.True(e.IsAlreadyExists);
    }

    [Fact]
    public void EnsureBridge_Present_ReturnsFalseAndKeepsIt()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        Assert.True(s.Netlink.EnsureBridge("zos"));
        Assert.False(s.Netlink.EnsureBridge("zos"));

        Assert.NotNull(IpJson.Link(s.Name, "zos"));
    }

    [Fact]
    public void CreateBridge_VlanFilteringOnThisKernel_EitherSetOrRefusedWithKernelText()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        try
        {
            s.Netlink.CreateBridge("brv", vlanFiltering: true);
            Assert.Equal(1, IpJson.Link(s.Name, "brv")!.Value.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        }
        catch (NetlinkKernelException e)
        {
            // Kernels without CONFIG_BRIDGE_VLAN_FILTERING refuse it (reference §0).
            Assert.StartsWith("create bridge brv: Operation not supported (EOPNOTSUPP)", e.Message, StringComparison.Ordinal);
            Assert.Null(IpJson.Link(s.Name, "brv"));
        }
    }

    [Fact]
    public void SetBridgeVlanFiltering_ExistingBridge_EitherTurnedOnOrRefusedWithKernelText()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        s.Netlink.CreateBridge("brf");
        try
        {
            s.Netlink.SetBridgeVlanFiltering("brf", true);
            Assert.Equal(1, IpJson.Link(s.Name, "brf")!.Value.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
            s.Netlink.SetBridgeVlanFiltering("brf", false);
            Assert.Equal(0, IpJson.Link(s.Name, "brf")!.Value.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        }
        catch (NetlinkKernelException e)
        {
            // Kernels without CONFIG_BRIDGE_VLAN_FILTERING refuse it (reference §0); the bridge stays as it was.
            Assert.StartsWith("set bridge brf vlan_filtering 1: Operation not supported (EOPNOTSUPP)", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, IpJson.Link(s.Name, "brf")!.Value.GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        }
    }

    [Fact]
    public void CreateVeth_PeerInOtherNamespace_EachEndInItsNamespace()
    {
        Require.Privileged("ip");
        using var a = new ScratchNamespace("a");
        using var b = new ScratchNamespace("b");

        a.Netlink.CreateVeth("va", "vb", new LinkCreateOptions { Up = true }, new LinkCreateOptions { Namespace = b.Namespace, Up = true, Mtu = 1420 });

        Assert.Equal("veth", IpJson.Link(a.Name, "va")!.Value.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Null(IpJson.Link(a.Name, "vb"));
        var peer = IpJson.Link(b.Name, "vb")!.Value;
        Assert.Equal(1420, peer.GetProperty("mtu").GetInt32());
        var va = a.Netlink.GetLink("va");
        var vb = b.Netlink.GetLink("vb");
        Assert.NotNull(va.LinkNetnsId);
        Assert.Equal(vb.Index, va.LinkIndex);
        Assert.True(va.Carrier);
        Assert.Equal(LinkOperationalState.Up, va.OperationalState);
    }

    [Fact]
    public void CreateMacvlan_BridgeModeOnParent_IpSeesMacvlanBridge()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        s.Netlink.CreateVeth("p0", "p1");

        s.Netlink.CreateMacvlan("mv0", "p0");

        var link = IpJson.Link(s.Name, "mv0")!.Value;
        Assert.Equal("macvlan", link.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("bridge", link.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("p0", link.GetProperty("link").GetString());
        var ours = s.Netlink.GetLink("mv0");
        Assert.Equal((uint)MacvlanMode.Bridge, ours.MacvlanMode);
        Assert.Equal(s.Netlink.GetLink("p0").Index, ours.LinkIndex);
    }

    [Fact]
    public void CreateTapAndTun_InNamespace_PersistentDevicesThere()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        s.Netlink.CreateTap("tap0");
        s.Netlink.CreateTun("tun0");

        var tap = IpJson.Link(s.Name, "tap0")!.Value;
        var tun = IpJson.Link(s.Name, "tun0")!.Value;
        Assert.Equal("tap", tap.GetProperty("linkinfo").GetProperty("info_data").GetProperty("type").GetString());
        Assert.Equal("tun", tun.GetProperty("linkinfo").GetProperty("info_data").GetProperty("type").GetString());
        Assert.Equal("tun", s.Netlink.GetLink("tap0").Kind);
        Assert.Null(IpJson.Link("", "tap0"));
    }

    [Fact]
    public void SetOperations_UpMtuMacNameMasterGroup_IpSeesEachChange()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        var nl = s.Netlink;
        nl.CreateBridge("br0");
        nl.CreateVeth("v0", "v1");

        nl.SetUp("br0");
        nl.SetMtu("v0", 1300);
        nl.SetMac("v0", MacAddress.Parse("02:00:00:00:00:42"));
        nl.Rename("v0", "port0");
        nl.SetMaster("port0", "br0");
        nl.SetGroup("port0", 9);
        nl.SetUp("port0");

        var port = IpJson.Link(s.Name, "port0")!.Value;
        Assert.Equal(1300, port.GetProperty("mtu").GetInt32());
        Assert.Equal("02:00:00:00:00:42", port.GetProperty("address").GetString());
        Assert.Equal("br0", port.GetProperty("master").GetString());
        Assert.Equal("9", port.GetProperty("group").ToString());
        Assert.Contains("UP", IpJson.Link(s.Name, "br0")!.Value.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var ours = nl.GetLink("port0");
        Assert.Equal(nl.GetLink("br0").Index, ours.MasterIndex);
        Assert.Equal("bridge", ours.PortKind);

        nl.SetNoMaster("port0");
        nl.SetDown("port0");

        port = IpJson.Link(s.Name, "port0")!.Value;
        Assert.False(port.TryGetProperty("master", out _));
        Assert.DoesNotContain("UP", port.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Null(nl.GetLink("port0").MasterIndex);
    }

    [Fact]
    public void MoveToNamespace_ByFdAndByPid_LinkChangesNamespace()
    {
        Require.Privileged("ip");
        using var a = new ScratchNamespace("a");
        using var b = new ScratchNamespace("b");
        // Bridges are netns-local (NETIF_F_NETNS_LOCAL); veths move. The moved end visits the root namespace, so it
        // carries a test name.
        var moved = TestNames.New("mv");
        a.Netlink.CreateVeth(moved, "m1");

        a.Netlink.MoveToNamespace(moved, b.Namespace);
        Assert.Null(IpJson.Link(a.Name, moved));
        Assert.NotNull(IpJson.Link(b.Name, moved));
        b.Netlink.MoveToNamespace(moved, Environment.ProcessId);

        Assert.Null(IpJson.Link(b.Name, moved));
        using var root = RouteNetlink.Open();
        try
        {
            Assert.Equal("veth", root.GetLink(moved).Kind);
            Assert.NotNull(IpJson.Link("", moved));
        }
        finally
        {
            root.EnsureLinkDeleted(moved);
        }
    }

    [Fact]
    public void DeleteLink_ByNameIndexAndGroup_LinksGoneAndOthersKept()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        var nl = s.Netlink;
        nl.CreateBridge("d0");
        nl.CreateBridge("d1");
        for (var i = 0; i < 3; i++)
            nl.CreateBridge($"g{i}", options: new LinkCreateOptions { Group = 42 });
        nl.CreateBridge("keep");

        nl.DeleteLink("d0");
        nl.DeleteLink(nl.GetLink("d1").Index);
        nl.DeleteLinkGroup(42);

        var names = IpJson.Links(s.Name).Select(l => l.GetProperty("ifname").GetString()).ToList();
        Assert.Equal(["lo", "keep"], names);
        var e = Assert.Throws<NetlinkKernelException>(() => nl.DeleteLink("d0"));
        Assert.Equal("delete link d0: No such device (ENODEV)", e.Message);
        Assert.False(nl.EnsureLinkDeleted("d0"));
        Assert.Null(nl.FindLink("d0"));
    }

    [Fact]
    public void DeleteLinkGroup_Zero_RefusedBeforeTheKernel()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.Netlink.DeleteLinkGroup(0));

        Assert.StartsWith("group 0 is the default group of every link; refusing to delete it", e.Message, StringComparison.Ordinal);
        Assert.NotNull(IpJson.Link(s.Name, "lo"));
    }

    [Fact]
    public void GetLinks_MatchIpLinkList()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        s.Netlink.CreateBridge("l0");
        s.Netlink.CreateVeth("l1", "l2");

        var ours = s.Netlink.GetLinks().Select(l => (l.Index, l.Name, l.Kind ?? "", l.Mtu)).ToList();

        var theirs = IpJson.Links(s.Name).Select(l => (l.GetProperty("ifindex").GetInt32(), l.GetProperty("ifname").GetString()!,
            l.TryGetProperty("linkinfo", out var li) ? li.GetProperty("info_kind").GetString()! : "", (uint)l.GetProperty("mtu").GetInt32())).ToList();
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void GetLink_Absent_ThrowsEnodevWithName()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        var e = Assert.Throws<NetlinkKernelException>(() => s.Netlink.GetLink("nothere"));

        Assert.Equal("get link nothere: No such device (ENODEV)", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-chars-xx")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void CreateBridge_InvalidName_ArgumentExceptionNamingIt(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => RouteNetlink.ValidateLinkName(name));
        Assert.StartsWith($"link name '{name}' is invalid", e.Message, StringComparison.Ordinal);
    }
}
