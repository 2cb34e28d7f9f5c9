using System.Net;
using Xunit;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

/// <summary>Link and address notifications from a namespace.</summary>
public sealed class RouteNetlinkEventsTests
{
    [Fact]
    public async Task ReadAllAsync_LinkAndAddressCreated_EventsSeen()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        using var events = RouteNetlinkEvents.Open(s.Namespace);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // Made by iproute2, so the notification is not an echo of our own request.
        Sh.Run("ip", "-n", s.Name, "link", "add", "ev0", "type", "bridge").EnsureSuccess("ip link add");
        Sh.Run("ip", "-n", s.Name, "addr", "add", "192.0.2.5/24", "dev", "ev0").EnsureSuccess("ip addr add");
        Sh.Run("ip", "-n", s.Name, "link", "del", "ev0").EnsureSuccess("ip link del");

        var seen = new List<RouteNetlinkEvent>();
        await foreach (var e in events.ReadAllAsync(timeout.Token))
        {
            seen.Add(e);
            if (e.Kind == RouteNetlinkEventKind.LinkRemoved && e.Link!.Name == "ev0")
                break;
        }

        Assert.Contains(seen, e => e.Kind == RouteNetlinkEventKind.LinkChanged && e.Link!.Name == "ev0" && e.Link.Kind == "bridge");
        Assert.Contains(seen, e => e.Kind == RouteNetlinkEventKind.AddressAdded && e.Address!.Address.Equals(IPAddress.Parse("192.0.2.5")));
        Assert.Equal(0, events.DroppedMessages);
    }
}
