using System.Net;
using Xunit;
using Zos.Linux.Processes;
using Zos.Linux.Tests.Processes;
using Zos.Linux.WireGuard;
using Zos.Testing;

namespace Zos.Linux.Tests.WireGuard;

public class WireGuardDeviceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tunnel_CreatedInPublicMovedToResource_PingCrossesOverUnderlay(bool ipv6Underlay)
    {
        Require.Privileged("ip", "wireguard-go", "wg", "ping", "ss", "unshare", "nsenter");
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await WireGuardTunnelLab.StartAsync(ipv6Underlay, ct);

        var ping = lab.NrA.Exec("ping", "-c", "3", "-W", "2", "-i", "0.3", "100.64.2.1");
        Assert.True(ping.ExitCode == 0, ping.StdOut + ping.StdErr);

        // The UDP socket stayed where the device was created; the resource namespace has none. (A kernel device's
        // socket is not listed by ss; this kernel has no WireGuard module, so here it is always wireguard-go.)
        if (lab.A.Backend == WireGuardBackend.Userspace)
        {
            Assert.Contains(":51820", lab.PubA.Exec("ss", "-uln").StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain(":51820", lab.NrA.Exec("ss", "-uln").StdOut, StringComparison.Ordinal);
        }
        Assert.Equal("lo," + lab.A.Name, string.Join(',', lab.NrA.Ip("-o", "link", "show").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])));

        // Our read-back and wg (independent observer) agree on the handshake and traffic.
        var state = await lab.A.GetStateAsync(ct);
        var peer = state.Peer(lab.KeyB.PublicKey)!;
        Assert.NotNull(peer.LastHandshake);
        Assert.True(peer.RxBytes > 0 && peer.TxBytes > 0);
        var wgPeer = lab.WgShow(lab.A).StdOut.Split('\n')[1].Split('\t');
        Assert.Equal(lab.KeyB.PublicKey.ToBase64(), wgPeer[0]);
        Assert.Equal(peer.LastHandshake!.Value.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), wgPeer[4]);
        Assert.Equal(lab.KeyA.PublicKey.ToBase64(), lab.WgShow(lab.A).StdOut.Split('\t')[1]);
    }

    [Fact]
    public async Task ApplyAsync_PeerAddedAndRemoved_NoLinkEventAndUnchangedPeerKeepsHandshake()
    {
        Require.Privileged("ip", "wireguard-go", "wg", "ping", "unshare", "nsenter");
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await WireGuardTunnelLab.StartAsync(ipv6Underlay: false, ct);
        Assert.Equal(0, lab.NrA.Exec("ping", "-c", "2", "-W", "2", "-i", "0.3", "100.64.2.1").ExitCode);
        var before = (await lab.A.GetStateAsync(ct)).Peer(lab.KeyB.PublicKey)!;
        Assert.NotNull(before.LastHandshake);

        await using var monitor = HelperProcess.Start(new HelperLaunch("ip", ["monitor", "link"], lab.NrA.Name));
        await Task.Delay(300, ct);
        var extra = new WireGuardPeer(WireGuardKeyPair.Generate().PublicKey, IPEndPoint.Parse("10.99.0.3:51820"), [IPNetwork.Parse("100.64.3.0/24")], 20);
        var added = await lab.A.ApplyAsync(lab.ConfigA with { Peers = [.. lab.ConfigA.Peers, extra] }, ct);
        var removed = await lab.A.ApplyAsync(lab.ConfigA, ct);
        var again = await lab.A.ApplyAsync(lab.ConfigA, ct);
        Assert.Equal(0, lab.NrA.Exec("ping", "-c", "2", "-W", "2", "-i", "0.3", "100.64.2.1").ExitCode);
        await Task.Delay(300, ct);

        // Only the extra peer was touched, and a second identical apply sends nothing.
        Assert.Equal([extra.PublicKey], added.Peers.Select(p => p.PublicKey));
        Assert.Equal([(extra.PublicKey, true)], removed.Peers.Select(p => (p.PublicKey, p.Remove)));
        Assert.True(again.IsEmpty);
        // No link event at all in the resource namespace (the original set the link down and up on every update).
        Assert.Equal("", monitor.StdOut.Trim());
        var link = lab.NrA.Ip("-o", "link", "show", lab.A.Name).StdOut;
        Assert.Contains(",UP,", link, StringComparison.Ordinal);
        // The unchanged peer kept its session: same handshake, counters only grew.
        var after = (await lab.A.GetStateAsync(ct)).Peer(lab.KeyB.PublicKey)!;
        Assert.Equal(before.LastHandshake, after.LastHandshake);
        Assert.True(after.TxBytes > before.TxBytes);
        Assert.Single((await lab.A.GetStateAsync(ct)).Peers);
    }

    [Fact]
    public async Task CreateAsync_SharedDirectoryNameInUse_FailsAndWgToolAgreesWithSocket()
    {
        Require.Privileged("ip", "wireguard-go");
        var ct = TestContext.Current.CancellationToken;
        using var ns1 = TestNetns.Create("w1");
        using var ns2 = TestNetns.Create("w2");
        var name = TestNames.New("wg");
        await using var first = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(name) { NetworkNamespace = ns1.Name }, ct);
        Assert.Equal(WireGuardBackend.Userspace, first.Backend);
        Assert.Equal($"/var/run/wireguard/{name}.sock", first.SocketPath);
        WireGuardDevice? second = null;
        try
        {
            var e = await Assert.ThrowsAsync<WireGuardException>(async () => second = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(name) { NetworkNamespace = ns2.Name }, ct));
            Assert.Equal($"create WireGuard device {name} in namespace '{ns2.Name}': the control socket /var/run/wireguard/{name}.sock is in use by another device of that name (use a RuntimeDirectory per node)", e.Message);
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
        }
        // wg (shared directory) sees the first device; configuring through the wg tool and reading back over the socket agree.
        var key = WireGuardKeyPair.Generate();
        var tool = new WireGuardToolClient(name, null);
        await tool.SetAsync(new WireGuardUpdate(key.PrivateKey, 51999, []), ct);
        var state = await first.GetStateAsync(ct);
        Assert.Equal((key.PrivateKey, (ushort)51999), (state.PrivateKey!.Value, state.ListenPort));
        Assert.Equal((ushort)51999, (await tool.GetAsync(ct)).ListenPort);
    }

    [Fact]
    public async Task DisposeAsync_StopsWireguardGoAndRemovesLinkAndSocket()
    {
        Require.Privileged("ip", "wireguard-go", "unshare");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("wd");
        var dir = Directory.CreateTempSubdirectory("zt-wg-").FullName;
        try
        {
            var device = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(TestNames.New("wg")) { NetworkNamespace = ns.Name, RuntimeDirectory = dir }, ct);
            var pid = device.ProcessId!.Value;
            Assert.True(File.Exists(Path.Combine(dir, device.Name + ".sock")));
            Assert.Contains(device.Name, ns.Ip("-o", "link", "show").StdOut, StringComparison.Ordinal);
            // The root namespace's shared directory knows nothing of it.
            Assert.False(File.Exists($"/var/run/wireguard/{device.Name}.sock"));
            await device.DisposeAsync();
            Assert.False(Directory.Exists($"/proc/{pid}"));
            Assert.False(File.Exists(Path.Combine(dir, device.Name + ".sock")));
            Assert.DoesNotContain(device.Name, ns.Ip("-o", "link", "show").StdOut, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_ProgramFailsAtStart_ErrorNamesDeviceAndNamespace()
    {
        Require.Privileged("ip", "false");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("wf");
        var name = TestNames.New("wg");
        var e = await Assert.ThrowsAsync<WireGuardException>(() => WireGuardDevice.CreateAsync(
            new WireGuardDeviceOptions(name) { NetworkNamespace = ns.Name, WireGuardGo = "false", PreferKernel = false }, ct));
        Assert.Equal($"create WireGuard device {name} in namespace '{ns.Name}': wireguard-go exited with code 1: (no output)", e.Message);
    }
}
