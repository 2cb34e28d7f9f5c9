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
    public async Task EnsureBridge_SingleNicWithPublicVlan_ToZosGetsThePublicVidAsUntaggedPvid_Idempotent()
    {
        Require.Privileged("ip", "bridge", "nft", "wireguard-go");
        await using var node = SecuredNode.Create();
        Require.KernelFeature("bridge VLAN filtering",
            () => Sh.Run("ip", "-n", node.Farm.Node, "link", "set", "zos", "type", "bridge", "vlan_filtering", "1").ExitCode == 0);
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
}
