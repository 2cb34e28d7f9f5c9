using Xunit;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

/// <summary>The "anything changed?" watch over link, address and route notifications.</summary>
public sealed class RouteNetlinkChangesTests
{
    [Fact]
    public void TakeChanged_NothingHappened_False()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        using var changes = RouteNetlinkChanges.Open(s.Namespace);

        Assert.False(changes.TakeChanged());
        s.Netlink.GetLinks();
        s.Netlink.GetAddresses();
        Assert.False(changes.TakeChanged());
    }

    [Theory]
    [InlineData("link add zc0 type bridge", "")]
    [InlineData("addr add 192.0.2.5/24 dev zc0", "link add zc0 type bridge;link set zc0 up")]
    [InlineData("addr del 192.0.2.5/24 dev zc0", "link add zc0 type bridge;link set zc0 up;addr add 192.0.2.5/24 dev zc0")]
    [InlineData("route add 198.51.100.0/24 via 192.0.2.1", "link add zc0 type bridge;link set zc0 up;addr add 192.0.2.5/24 dev zc0")]
    [InlineData("route del 198.51.100.0/24 via 192.0.2.1", "link add zc0 type bridge;link set zc0 up;addr add 192.0.2.5/24 dev zc0;route add 198.51.100.0/24 via 192.0.2.1")]
    [InlineData("link del zc0", "link add zc0 type bridge")]
    public void TakeChanged_ChangeMadeByAnotherProgram_TrueOnceThenFalse(string change, string setup)
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        foreach (var step in setup.Split(';', StringSplitOptions.RemoveEmptyEntries))
            Sh.Run("ip", ["-n", s.Name, .. step.Split(' ')]).EnsureSuccess(step);
        using var changes = RouteNetlinkChanges.Open(s.Namespace);
        Assert.False(changes.TakeChanged());

        Sh.Run("ip", ["-n", s.Name, .. change.Split(' ')]).EnsureSuccess(change);

        Assert.True(changes.TakeChanged());
        Assert.False(changes.TakeChanged());
    }
}
