using Xunit;
using Zos.Boot.Hosting;

namespace Zos.Boot.Tests.Hosting;

/// <summary>How /healthz of the boot server judges its parts.</summary>
public sealed class BootHealthTests
{
    [Theory]
    [InlineData(true, true, "127.0.0.1:69", true, "0.0.0.0:67", true, "")]
    [InlineData(true, false, null, false, null, true, "")]
    [InlineData(true, true, null, true, "0.0.0.0:67", false, "unhealthy: tftp: not listening")]
    [InlineData(true, true, "127.0.0.1:69", true, null, false, "unhealthy: dhcp: not listening")]
    [InlineData(false, true, null, false, null, false, "unhealthy: configuration: not loaded (the server is starting or stopped); tftp: not listening")]
    public void Judge_Listeners_HealthyOnlyWhenEveryWantedOneRuns(bool loaded, bool tftpWanted, string? tftp, bool dhcpWanted, string? dhcp,
        bool healthy, string firstLineIfUnhealthy)
    {
        var health = BootHealth.Judge(loaded, 3, tftpWanted, tftp, dhcpWanted, dhcp);

        Assert.Equal(healthy, health.Healthy);
        Assert.Equal(healthy ? "ok" : firstLineIfUnhealthy, health.Text.Split('\n')[0]);
    }

    [Fact]
    public void Judge_Healthy_ListsWhereEachPartListens()
    {
        var health = BootHealth.Judge(true, 3, true, "127.0.0.1:69", true, "0.0.0.0:67");

        Assert.Equal("ok\nconfiguration: 3 node(s)\ntftp: listening on udp 127.0.0.1:69\ndhcp: listening on udp 0.0.0.0:67\n", health.Text);
    }
}
