using Xunit;
using Zos.Core.Contracts;
using Zos.Registry.Boot;

namespace Zos.Registry.Tests.Boot;

/// <summary>How a MAC's steps are cut into boots and which the retention drops (pure).</summary>
public sealed class BootSegmentsTests
{
    public static TheoryData<string, long[]> Sequences => new()
    {
        // One boot from DHCP to registered, the kernel and initrd both fetched.
        { "dhcpSeen loaderFetched scriptFetched kernelFetched kernelFetched registered", [0, 0, 0, 0, 0, 0] },
        // Rebooted within the lease (no new DHCP step): the loader again after registering is the next boot.
        { "dhcpSeen loaderFetched scriptFetched kernelFetched registered loaderFetched scriptFetched", [0, 0, 0, 0, 0, 5, 5] },
        // A refused script is retried from the loader: each try is a boot.
        { "dhcpSeen loaderFetched scriptRefused loaderFetched scriptRefused", [0, 0, 0, 3, 3] },
        // A step this registry does not know stays in the boot it arrives in.
        { "dhcpSeen loaderFetched firmwareUpdated scriptFetched", [0, 0, 0, 0] },
        // The registry restarted the daemon: registered twice is one boot.
        { "kernelFetched registered registered dhcpSeen", [0, 0, 0, 3] },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void BootStarts_Steps_EachStepsBootIsTheTimeOfItsFirstStep(string steps, long[] expected)
    {
        var list = steps.Split(' ').Select((s, i) => (s, (long)i)).ToList();

        Assert.Equal(expected, BootSegments.BootStarts(list));
    }

    [Fact]
    public void Pruned_MoreBootsOrStepsThanKept_TheOldestGo()
    {
        long[] starts = [0, 0, 10, 10, 10, 20, 30, 30];

        Assert.Equal([0, 1, 2, 3, 4], BootSegments.Pruned(starts, maxBoots: 2, maxSteps: 100));
        Assert.Equal([0, 1, 2], BootSegments.Pruned(starts, maxBoots: 8, maxSteps: 5));
        Assert.Empty(BootSegments.Pruned(starts, maxBoots: 4, maxSteps: 8));
    }

    [Fact]
    public void RegisteredSteps_NodeInterfaces_OneStepPerDistinctMacNormalised()
    {
        var at = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);
        InterfaceInfo[] nics = [new("zos", "52:54:00:AA:00:01", []), new("eth0", "52-54-00-aa-00-01", []), new("eth1", "52:54:00:aa:00:02", []), new("x", "junk", [])];

        var steps = BootSegments.RegisteredSteps("nodeA", nics, at);

        Assert.Equal(
            [new BootEventReport("52:54:00:aa:00:01", "registered", at, null, "node nodeA"), new BootEventReport("52:54:00:aa:00:02", "registered", at, null, "node nodeA")],
            steps);
    }
}
