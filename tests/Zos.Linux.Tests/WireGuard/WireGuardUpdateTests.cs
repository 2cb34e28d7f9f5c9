using System.Net;
using Xunit;
using Zos.Core.Networks;
using Zos.Linux.WireGuard;

namespace Zos.Linux.Tests.WireGuard;

public class WireGuardUpdateTests
{
    private static readonly WireGuardKey s_private = WireGuardKey.FromHex(new string('1', 64));
    private static readonly WireGuardKey s_a = WireGuardKey.FromHex(new string('a', 64));
    private static readonly WireGuardKey s_b = WireGuardKey.FromHex(new string('b', 64));
    private static readonly WireGuardKey s_c = WireGuardKey.FromHex(new string('c', 64));

    private static IPNetwork[] Nets(params string[] s) => s.Select(IPNetwork.Parse).ToArray();

    private static WireGuardPeerState State(WireGuardKey key, string? endpoint, ushort keepalive, params string[] allowed) =>
        new(key, endpoint is null ? null : IPEndPoint.Parse(endpoint), Nets(allowed), keepalive, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 10, 20);

    [Fact]
    public void Between_AddChangeRemoveAndUnchanged_OnlyDifferencesNoReplacePeers()
    {
        var current = new WireGuardDeviceState(s_private, 51820, 0,
        [
            State(s_a, "192.0.2.1:51820", 20, "10.1.0.0/24", "100.64.1.0/32"),
            State(s_b, "192.0.2.2:51820", 20, "10.2.0.0/24"),
        ]);
        var desired = new WireGuardConfig(s_private, 51820,
        [
            // a: same allowed IPs in another order, no endpoint wanted: unchanged.
            new WireGuardPeer(s_a, null, Nets("100.64.1.0/32", "10.1.0.0/24"), 20),
            new WireGuardPeer(s_c, IPEndPoint.Parse("[2001:db8::3]:51820"), Nets("10.3.0.0/24"), 20),
        ]);
        var update = WireGuardUpdate.Between(current, desired);
        Assert.Equal($"""
            set=1
            public_key={s_b.ToHex()}
            remove=true
            public_key={s_c.ToHex()}
            endpoint=[2001:db8::3]:51820
            persistent_keepalive_interval=20
            replace_allowed_ips=true
            allowed_ip=10.3.0.0/24


            """, WireGuardUapi.RenderSet(update));
        Assert.DoesNotContain("replace_peers", WireGuardUapi.RenderSet(update), StringComparison.Ordinal);
    }

    [Fact]
    public void Between_ChangedFieldsOfOnePeer_OnlyThoseFields()
    {
        var current = new WireGuardDeviceState(s_private, 51820, 0, [State(s_a, "192.0.2.1:51820", 20, "10.1.0.0/24")]);
        var desired = new WireGuardConfig(s_private, 51821, [new WireGuardPeer(s_a, IPEndPoint.Parse("192.0.2.9:51820"), Nets("10.1.0.0/24", "10.9.0.0/24"), 25)]);
        var update = WireGuardUpdate.Between(current, desired);
        Assert.Null(update.PrivateKey);
        Assert.Equal((ushort)51821, update.ListenPort);
        var change = Assert.Single(update.Peers);
        Assert.Equal((false, IPEndPoint.Parse("192.0.2.9:51820"), (ushort?)25), (change.Remove, change.Endpoint, change.PersistentKeepaliveSeconds));
        Assert.Equal(Nets("10.1.0.0/24", "10.9.0.0/24"), change.AllowedIps);
    }

    [Fact]
    public void Between_SameState_IsEmpty()
    {
        var current = new WireGuardDeviceState(s_private, 51820, 0, [State(s_a, "192.0.2.1:51820", 20, "10.1.0.0/24")]);
        var desired = new WireGuardConfig(s_private, 51820, [new WireGuardPeer(s_a, IPEndPoint.Parse("192.0.2.1:51820"), Nets("10.1.0.0/24"), 20)]);
        Assert.True(WireGuardUpdate.Between(current, desired).IsEmpty);
    }

    [Fact]
    public void Between_FreshDevice_SetsKeyPortAndPeers()
    {
        var update = WireGuardUpdate.Between(new WireGuardDeviceState(null, 40000, 0, []),
            new WireGuardConfig(s_private, 51820, [new WireGuardPeer(s_a, null, Nets("10.1.0.0/24"))]));
        Assert.Equal($"set=1\nprivate_key={s_private.ToHex()}\nlisten_port=51820\npublic_key={s_a.ToHex()}\npersistent_keepalive_interval=0\nreplace_allowed_ips=true\nallowed_ip=10.1.0.0/24\n\n",
            WireGuardUapi.RenderSet(update));
    }

    [Fact]
    public void Between_DuplicatePeer_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => WireGuardUpdate.Between(new WireGuardDeviceState(null, 0, 0, []),
            new WireGuardConfig(s_private, null, [new WireGuardPeer(s_a, null, []), new WireGuardPeer(s_a, null, [])])));
        Assert.Equal($"WireGuard peer {s_a} appears 2 times in the desired configuration (Parameter 'desired')", e.Message);
    }

    [Fact]
    public void ParseGet_DeviceWithTwoPeers_ReadsEverything()
    {
        var response = $"""
            private_key={s_private.ToHex()}
            listen_port=51820
            public_key={s_a.ToHex()}
            preshared_key={new string('0', 64)}
            protocol_version=1
            endpoint=[fd00:99::2]:51820
            last_handshake_time_sec=1700000000
            last_handshake_time_nsec=500000000
            tx_bytes=148
            rx_bytes=92
            persistent_keepalive_interval=20
            allowed_ip=100.64.2.0/24
            allowed_ip=10.2.0.0/24
            public_key={s_b.ToHex()}
            last_handshake_time_sec=0
            last_handshake_time_nsec=0
            tx_bytes=0
            rx_bytes=0
            persistent_keepalive_interval=0
            errno=0


            """;
        var state = WireGuardUapi.ParseGet(response);
        Assert.Equal((s_private, (ushort)51820), (state.PrivateKey!.Value, state.ListenPort));
        var a = state.Peer(s_a)!;
        Assert.Equal(IPEndPoint.Parse("[fd00:99::2]:51820"), a.Endpoint);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), a.LastHandshake);
        Assert.Equal((92L, 148L, (ushort)20), (a.RxBytes, a.TxBytes, a.PersistentKeepaliveSeconds));
        Assert.Equal(Nets("100.64.2.0/24", "10.2.0.0/24"), a.AllowedIps);
        var b = state.Peer(s_b)!;
        Assert.Null(b.LastHandshake);
        Assert.Null(b.Endpoint);
        Assert.Empty(b.AllowedIps);
    }

    [Fact]
    public void ParseGet_Errno_Throws()
    {
        var e = Assert.Throws<WireGuardException>(() => WireGuardUapi.ParseGet("errno=19\n\n"));
        Assert.Equal("WireGuard get failed with errno 19", e.Message);
    }

    [Fact]
    public void ParseGet_BadEndpoint_ThrowsNamingTheLine()
    {
        var e = Assert.Throws<FormatException>(() => WireGuardUapi.ParseGet($"public_key={s_a.ToHex()}\nendpoint=nowhere\nerrno=0\n\n"));
        Assert.Equal("invalid endpoint in WireGuard protocol line 'endpoint=nowhere'", e.Message);
    }

    [Fact]
    public void ToolRenderSet_PrivateKeyOnStdinNeverInArguments()
    {
        var update = new WireGuardUpdate(s_private, 51820, [new WireGuardPeerChange(s_a, false, IPEndPoint.Parse("192.0.2.1:1"), 0, Nets("10.1.0.0/24", "10.2.0.0/24")), new WireGuardPeerChange(s_b, true, null, null, null)]);
        var (args, stdin) = WireGuardToolClient.RenderSet("wg0", update);
        Assert.Equal(["set", "wg0", "listen-port", "51820", "private-key", "/proc/self/fd/0", "peer", s_a.ToBase64(), "endpoint", "192.0.2.1:1",
            "persistent-keepalive", "off", "allowed-ips", "10.1.0.0/24,10.2.0.0/24", "peer", s_b.ToBase64(), "remove"], args);
        Assert.Equal(s_private.ToBase64() + "\n", stdin);
    }

    [Fact]
    public void ParseDump_DeviceAndPeer()
    {
        var dump = $"{s_private.ToBase64()}\t{s_a.ToBase64()}\t51820\toff\n{s_b.ToBase64()}\t(none)\t10.99.0.2:51820\t100.64.2.0/24,10.2.0.0/24\t1700000000\t92\t148\t20\n";
        var state = WireGuardToolClient.ParseDump(dump);
        Assert.Equal((ushort)51820, state.ListenPort);
        var peer = Assert.Single(state.Peers);
        Assert.Equal((s_b, IPEndPoint.Parse("10.99.0.2:51820"), (ushort)20, 92L, 148L), (peer.PublicKey, peer.Endpoint, peer.PersistentKeepaliveSeconds, peer.RxBytes, peer.TxBytes));
        Assert.Equal(Nets("100.64.2.0/24", "10.2.0.0/24"), peer.AllowedIps);
    }
}
