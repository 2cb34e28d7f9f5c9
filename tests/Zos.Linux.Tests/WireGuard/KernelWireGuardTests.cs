using System.Net;
using Xunit;
using Zos.Linux.Processes;
using Zos.Linux.WireGuard;
using Zos.Testing;

namespace Zos.Linux.Tests.WireGuard;

/// <summary>
/// The kernel module (drivers/net/wireguard), which a node uses where it loads: created in the public namespace,
/// moved into the resource namespace, configured with wg, updated without a link flap. This kernel has no module, so
/// these run under Debian's kernel in a VM (<see cref="KernelVm"/>).
/// </summary>
public class KernelWireGuardTests
{
    private static bool RanInVm() => KernelVm.RanInVm("the WireGuard module", () => KernelProbes.KernelWireGuard);

    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public async Task Tunnel_OnTheKernelModule_MovedToResource_PingCrossesAndWgAgrees()
    {
        Require.Privileged("ip", "wg", "ping", "ss", "unshare", "nsenter");
        if (RanInVm())
            return;
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await WireGuardTunnelLab.StartAsync(ipv6Underlay: true, ct);

        Assert.Equal(WireGuardBackend.Kernel, lab.A.Backend);
        Assert.Null(lab.A.ProcessId);
        var ping = lab.NrA.Exec("ping", "-c", "3", "-W", "2", "-i", "0.3", "100.64.2.1");
        Assert.True(ping.ExitCode == 0, ping.StdOut + ping.StdErr);
        Assert.Equal("lo," + lab.A.Name, string.Join(',', lab.NrA.Ip("-o", "link", "show").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])));
        var state = await lab.A.GetStateAsync(ct);
        var peer = state.Peer(lab.KeyB.PublicKey)!;
        Assert.NotNull(peer.LastHandshake);
        Assert.True(peer.RxBytes > 0 && peer.TxBytes > 0);
        Assert.Equal(lab.KeyA.PublicKey.ToBase64(), lab.WgShow(lab.A).StdOut.Split('\t')[1]);
    }

    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public async Task ApplyAsync_OnTheKernelModule_PeerAddedAndRemoved_NoLinkEventAndHandshakeKept()
    {
        Require.Privileged("ip", "wg", "ping", "unshare", "nsenter");
        if (RanInVm())
            return;
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await WireGuardTunnelLab.StartAsync(ipv6Underlay: false, ct);
        Assert.Equal(WireGuardBackend.Kernel, lab.A.Backend);
        Assert.Equal(0, lab.NrA.Exec("ping", "-c", "2", "-W", "2", "-i", "0.3", "100.64.2.1").ExitCode);
        var before = (await lab.A.GetStateAsync(ct)).Peer(lab.KeyB.PublicKey)!;

        await using var monitor = HelperProcess.Start(new HelperLaunch("ip", ["monitor", "link"], lab.NrA.Name));
        await Task.Delay(300, ct);
        var extra = new WireGuardPeer(WireGuardKeyPair.Generate().PublicKey, IPEndPoint.Parse("10.99.0.3:51820"), [IPNetwork.Parse("100.64.3.0/24")], 20);
        var added = await lab.A.ApplyAsync(lab.ConfigA with { Peers = [.. lab.ConfigA.Peers, extra] }, ct);
        var removed = await lab.A.ApplyAsync(lab.ConfigA, ct);
        Assert.Equal(0, lab.NrA.Exec("ping", "-c", "2", "-W", "2", "-i", "0.3", "100.64.2.1").ExitCode);
        await Task.Delay(300, ct);

        Assert.Equal([extra.PublicKey], added.Peers.Select(p => p.PublicKey));
        Assert.Equal([(extra.PublicKey, true)], removed.Peers.Select(p => (p.PublicKey, p.Remove)));
        Assert.Equal("", monitor.StdOut.Trim());
        var after = (await lab.A.GetStateAsync(ct)).Peer(lab.KeyB.PublicKey)!;
        Assert.Equal(before.LastHandshake, after.LastHandshake);
        Assert.Single((await lab.A.GetStateAsync(ct)).Peers);
    }
}
