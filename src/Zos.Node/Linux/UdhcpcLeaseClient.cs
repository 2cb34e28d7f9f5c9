using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The long-running DHCP client on zos over Zos.Linux.Dhcp (linux-services).</summary>
public sealed class UdhcpcLeaseClient : ILeaseClient
{
    public IAsyncDisposable Start(string link, Action<LeaseEvent> onEvent) =>
        throw new NotSupportedException("the zos DHCP client needs Zos.Linux.Dhcp (linux-services), which is not merged yet");
}
