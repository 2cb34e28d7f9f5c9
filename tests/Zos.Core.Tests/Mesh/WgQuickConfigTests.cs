using Xunit;
using Zos.Core.Mesh;
using static Zos.Core.Tests.Networks.TestNetworks;

namespace Zos.Core.Tests.Mesh;

public class WgQuickConfigTests
{
    [Fact]
    public void Render_UserOfTfgridExample_PeerIsAccessNode()
    {
        var plan = MeshCalculator.Compute(TfgridExample()).Plan!;
        var text = WgQuickConfig.Render(plan, "user", "cHJpdmF0ZS1rZXktb2YtdGhlLWxhcHRvcC0zMmJ5dGU=");
        var expected =
            "# zos network 'mynet' of owner '42' (NetID 56BZN8Jf3Nc6L), user access 'user'\n" +
            "[Interface]\n" +
            // NetID 56BZN8Jf3Nc6L starts with the bytes 35 36 42 5a 4e: the ULA /48 is fd35:3642:5a4e::/48 (§4.5).
            "Address = 100.64.20.6/32, fd35:3642:5a4e:6::1/128\n" +
            "PrivateKey = cHJpdmF0ZS1rZXktb2YtdGhlLWxhcHRvcC0zMmJ5dGU=\n" +
            "\n[Peer]\n" +
            "# node-a (access node)\n" +
            $"PublicKey = {KeyFor("node-a")}\n" +
            "AllowedIPs = 10.20.0.0/16, 100.64.0.0/16, fd35:3642:5a4e::/48\n" +
            "Endpoint = 203.0.113.31:5566\n" +
            "PersistentKeepalive = 25\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Render_NoPrivateKey_Placeholder()
    {
        var plan = MeshCalculator.Compute(TfgridExample()).Plan!;
        Assert.Contains("PrivateKey = <private key of user: wg genkey>\n", WgQuickConfig.Render(plan, "user"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NodeMember_Throws()
    {
        var plan = MeshCalculator.Compute(TfgridExample()).Plan!;
        var error = Assert.Throws<ArgumentException>(() => WgQuickConfig.Render(plan, "node-b"));
        Assert.StartsWith("member 'node-b' is a node, not a user-access member", error.Message, StringComparison.Ordinal);
    }
}
