using Xunit;
using Zos.Core.Contracts;
using Zos.Registry.Cockpit;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>A node's public endpoint counts as answered only when a peer reported a handshake with it (pure).</summary>
public sealed class PublicReachabilityTests
{
    private static readonly DateTimeOffset s_t = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    private static NodeReport Report(params NetworkReport[] networks) => new(1, networks);

    private static NetworkReport Net(string netId, string key, string[] endpoints, params PeerHandshake[] handshakes) => new(netId, key, 3000, endpoints, handshakes, []);

    [Fact]
    public void Checks_PeerHandshookWithAPublicNode_TheLatestHandshakeIsItsCheck()
    {
        var checks = PublicReachability.Checks(
        [
            ("pub", Report(Net("n1", "kPub", ["203.0.113.5:3000"], new PeerHandshake("kHid", s_t.AddSeconds(1))), Net("n2", "kPub2", ["203.0.113.5:3001"]))),
            ("hid", Report(Net("n1", "kHid", [], new PeerHandshake("kPub", s_t.AddSeconds(5))))),
            ("other", Report(Net("n2", "kOther", [], new PeerHandshake("kPub2", s_t.AddSeconds(9)), new PeerHandshake("kUnknown", s_t.AddSeconds(20))))),
        ]);

        // The hidden node's handshake with pub is a check of pub's endpoint; pub's handshake with the hidden node is
        // no check of anything (the hidden node has no endpoint); the latest of pub's checks wins.
        Assert.Equal(new ReachCheck(s_t.AddSeconds(9), "other", "n2"), Assert.Single(checks).Value);
        Assert.Equal("pub", checks.Keys.Single());
    }

    [Fact]
    public void Checks_NoHandshakeYetOrNeverHandshook_NoCheck()
    {
        var checks = PublicReachability.Checks(
        [
            ("pub", Report(Net("n1", "kPub", ["203.0.113.5:3000"]))),
            ("peer", Report(Net("n1", "kPeer", [], new PeerHandshake("kPub", null)))),
            // The same key in another network is another link: no check of pub in n1.
            ("stranger", Report(Net("n9", "kStranger", [], new PeerHandshake("kPub", s_t)))),
        ]);

        Assert.Empty(checks);
    }
}
