using Xunit;
using Zos.Testing;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// The real daemon against a registry whose port is closed (privileged, namespaces made by the test): the reset from
/// the registry's host proves the route out, so the node keeps its NIC and bridge, says the registry is the problem,
/// and registers within one backoff step of the registry coming back.
/// </summary>
public class RegistryRefusesTests
{
    /// <summary><see cref="OneLanDaemon.Config"/>'s backoffMaxSeconds: the longest step between two registration attempts.</summary>
    private static readonly TimeSpan s_backoffStep = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Run_RegistryPortClosed_KeepsNicAndBridge_RegistersWithinOneBackoffStepOfItsReturn()
    {
        Require.Privileged("ip", "dnsmasq", "busybox", "nft", "unshare");
        await using var one = await OneLanDaemon.CreateAsync();
        await one.Registry.StopAsync();

        one.Daemon.Start();
        var online = await one.Daemon.WaitForStatusAsync(
            s => s.InternetOk && s.RegistryError?.Contains("refuses connections", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60), "online with the registry refusing");

        Assert.Equal("eth0", online.ChosenNic);
        Assert.EndsWith("refuses connections; the route out works", online.RegistryError, StringComparison.Ordinal);
        Assert.False(online.Registered);
        // Several registration attempts fail meanwhile; none of them touches the network.
        await Task.Delay(s_backoffStep * 2, TestContext.Current.CancellationToken);
        Assert.Equal("zos", one.Link("eth0").GetProperty("master").GetString());
        Assert.Matches(@"inet 10\.61\.0\.\d+/24", one.Farm.NodeIp("addr", "show", "dev", "zos"));
        Assert.DoesNotContain("releasing", one.Daemon.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("no route out", one.Daemon.Log, StringComparison.Ordinal);
        Assert.Equal(1, one.Daemon.Status!.Attempt);

        var back = DateTimeOffset.UtcNow;
        await one.Registry.RestartAsync();
        var registered = await one.Daemon.WaitForStatusAsync(s => s.Registered, s_backoffStep + TimeSpan.FromSeconds(10), "registered after the registry came back");

        // One backoff step, plus the registration's own round trip.
        Assert.True(registered.RegisteredAt!.Value - back <= s_backoffStep + TimeSpan.FromSeconds(2),
            $"registered {(registered.RegisteredAt!.Value - back).TotalSeconds:0.0} s after the registry came back. Log:\n{one.Daemon.Log}");
        Assert.Equal("zos", one.Link("eth0").GetProperty("master").GetString());
    }
}
