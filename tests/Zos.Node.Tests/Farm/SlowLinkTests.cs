using Xunit;
using Zos.Testing;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// The real daemon on a LAN whose DHCP server stays silent for several rounds (privileged, namespaces made by the test):
/// the NIC stays up between rounds (the switch side sees no link flap, which would restart spanning tree on a real
/// port), each round waits longer and says so per NIC, and the node comes up as soon as the server answers.
/// </summary>
public class SlowLinkTests
{
    [Fact]
    public async Task Run_NoOfferForRounds_NicStaysUpBetweenRounds_WaitsGrowAndAreReported()
    {
        Require.Privileged("ip", "dnsmasq", "busybox", "nft", "unshare");
        await using var node = await OneLanDaemon.CreateAsync(startDhcp: false);
        // eth0's cable end on the switch: the first NIC the farm made ("p1" in the LAN namespace).
        int CarrierChanges() => int.Parse(node.Farm.InNs(node.Farm.Lan, "cat", "/sys/class/net/p1/carrier_changes").StdOut.Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

        node.Daemon.Start();
        await WaitForLogAsync(node, "eth0: no offer after 2 DHCP tries of 1 s (round 1)");
        var afterRound1 = CarrierChanges();
        await WaitForLogAsync(node, "eth0: no offer after 4 DHCP tries of 1 s (round 2)");
        await WaitForLogAsync(node, "(round 3: carrier wait 6 s, DHCP 8 × 1 s)");
        var afterRound3 = CarrierChanges();

        // Between rounds 1 and 3 the link never went down: no move back, no down/up.
        Assert.Equal(afterRound1, afterRound3);
        Assert.Equal("no offer after 8 DHCP tries of 1 s (round 3)", node.Daemon.Status!.Nics.Single(r => r.Nic == "eth0").Wait);

        node.Lan.StartDhcp();
        var startedDhcp = DateTimeOffset.UtcNow;
        var online = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK after the server started");

        Assert.Equal("eth0", online.ChosenNic);
        // The probe of round 4 listens when the server starts (DISCOVER every 2 s), or round 4 is already over and round 5
        // follows after one backoff step (3 s): either way a few seconds, not a whole round.
        Assert.InRange((online.InternetOkAt!.Value - startedDhcp).TotalSeconds, 0, 3 + 2 + 3);
        Assert.Equal("zos", node.Link("eth0").GetProperty("master").GetString());
    }

    private static async Task WaitForLogAsync(OneLanDaemon node, string text)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (!node.Daemon.Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"the daemon never said '{text}'. Log:\n{node.Daemon.Log}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
