using System.Net;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Zos.Core.Bringup;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>How the zos DHCP client's events reach the kernel: bound, renewed (RFC 2131 §4.4.5), moved, refused.</summary>
public class LeaseTrackerTests
{
    private static readonly IPAddress s_router = IPAddress.Parse("10.61.0.1");

    private static DhcpLease Lease(string address, int seconds) =>
        new(IPAddress.Parse(address), 24, [s_router], [], s_router, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void OnEvent_RenewOfTheSameAddress_LifetimeRefreshedNothingRemoved()
    {
        var links = new RecordingLinkControl();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tracker = new LeaseTracker(links, "zos", time);
        var changes = 0;
        tracker.Changed += () => changes++;

        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Bound, Lease("10.61.0.23", 600)));
        time.Advance(TimeSpan.FromSeconds(300));
        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Renew, Lease("10.61.0.23", 600)));

        Assert.Equal(
        [
            "ip addr replace 10.61.0.23/24 dev zos valid_lft 600",
            "ip route replace default via 10.61.0.1 dev zos",
            "ip addr replace 10.61.0.23/24 dev zos valid_lft 600",
            "ip route replace default via 10.61.0.1 dev zos",
        ], links.Commands);
        Assert.Equal(time.GetUtcNow(), tracker.ObtainedAt);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void OnEvent_RenewWithAnotherAddress_OldAddressRemovedNewOneSet()
    {
        var links = new RecordingLinkControl();
        var tracker = new LeaseTracker(links, "zos", TimeProvider.System);
        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Bound, Lease("10.61.0.23", 600)));
        links.Commands.Clear();

        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Renew, Lease("10.61.0.40", 600)));

        Assert.Equal("ip addr del 10.61.0.23/24 dev zos", links.Commands[0]);
        Assert.Equal("ip addr replace 10.61.0.40/24 dev zos valid_lft 600", links.Commands[1]);
        Assert.Equal(IPAddress.Parse("10.61.0.40"), tracker.Lease!.Address);
    }

    [Fact]
    public void OnEvent_DeconfigThenNak_OnlyTheNakRemovesTheAddress()
    {
        var links = new RecordingLinkControl();
        var tracker = new LeaseTracker(links, "zos", TimeProvider.System);
        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Bound, Lease("10.61.0.23", 600)));
        links.Commands.Clear();

        // A restarted client first says "deconfig": the running node keeps its address.
        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Deconfig, null));
        Assert.Empty(links.Commands);
        Assert.NotNull(tracker.Lease);

        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Nak, null));
        Assert.Equal(["ip addr del 10.61.0.23/24 dev zos"], links.Commands);
        Assert.Null(tracker.Lease);
    }
}
