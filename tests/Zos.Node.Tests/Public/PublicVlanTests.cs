using System.Text.Json;
using Xunit;
using Zos.Core.Public;
using Zos.Node.Network;
using Zos.Node.Tests.Security;
using Zos.Testing;

namespace Zos.Node.Tests.Public;

/// <summary>vlan:pub in single-NIC mode: the tozos port of zos carries the public VID untagged (privileged; a VLAN-aware kernel).</summary>
public sealed class PublicVlanTests
{
    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public async Task EnsureBridge_SingleNicWithPublicVlan_ToZosGetsThePublicVidAsUntaggedPvid_Idempotent()
    {
        Require.Privileged("ip", "bridge", "nft", "wireguard-go");
        await using var node = SecuredNode.Create();
        if (KernelVm.RanInVm("bridge VLAN filtering",
            () => Sh.Run("ip", "-n", node.Farm.Node, "link", "set", "zos", "type", "bridge", "vlan_filtering", "1").ExitCode == 0))
            return;
        var pub = new PublicNamespaceApplier(node.Options with { PublicVlan = 20 }, "node-under-test");

        pub.EnsureBridge(PublicUplinkChoice.SingleNic("test"));
        pub.EnsureBridge(PublicUplinkChoice.SingleNic("test"));

        using var doc = JsonDocument.Parse(Sh.Run("bridge", "-n", node.Farm.Node, "-j", "vlan", "show", "dev", "tozos").EnsureSuccess("bridge vlan show").StdOut);
        var vlans = doc.RootElement.EnumerateArray().Single().GetProperty("vlans").EnumerateArray().ToList();
        var v = Assert.Single(vlans);
        Assert.Equal(20, v.GetProperty("vlan").GetInt32());
        var flags = v.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("PVID", flags);
        Assert.Contains("Egress Untagged", flags);
    }

    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public async Task EnsureBridge_DualNicWithPublicVlan_BrPubFiltersAndTagsTheNic()
    {
        Require.Privileged("ip", "bridge", "nft", "wireguard-go");
        await using var node = SecuredNode.Create();
        node.Farm.Ip("-n", node.Farm.Node, "link", "add", "pub0", "type", "veth", "peer", "name", "pub0p");
        if (KernelVm.RanInVm("bridge VLAN filtering", () =>
        {
            var probe = Sh.Run("ip", "-n", node.Farm.Node, "link", "add", "vfprobe", "type", "bridge", "vlan_filtering", "1");
            Sh.Run("ip", "-n", node.Farm.Node, "link", "del", "vfprobe");
            return probe.ExitCode == 0;
        }))
            return;
        var pub = new PublicNamespaceApplier(node.Options with { PublicVlan = 20 }, "node-under-test");
        var choice = new PublicUplinkChoice(PublicUplinkKind.Nic, "pub0", "test");

        pub.EnsureBridge(choice);
        pub.EnsureBridge(choice);

        using var doc = JsonDocument.Parse(Sh.Run("bridge", "-n", node.Farm.Node, "-j", "vlan", "show").EnsureSuccess("bridge vlan show").StdOut);
        var byPort = doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("ifname").GetString()!, e => e.GetProperty("vlans").EnumerateArray().ToList());
        var nic = Assert.Single(byPort["pub0"]);
        Assert.Equal(20, nic.GetProperty("vlan").GetInt32());
        Assert.False(nic.TryGetProperty("flags", out var nicFlags) && nicFlags.EnumerateArray().Any(f => f.GetString() == "Egress Untagged"));
        var self = Assert.Single(byPort["br-pub"]);
        Assert.Equal(20, self.GetProperty("vlan").GetInt32());
        Assert.Contains("PVID", self.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }
}
