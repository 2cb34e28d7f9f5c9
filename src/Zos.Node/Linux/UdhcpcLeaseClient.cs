using Zos.Linux.Dhcp;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// The long-running DHCP client on zos over Zos.Linux's <see cref="DhcpClient"/> (udhcpc in the foreground, script
/// events on stdout); its events are handed to bring-up, which applies them through netlink.
/// </summary>
public sealed class UdhcpcLeaseClient : ILeaseClient
{
    public IAsyncDisposable Start(string link, Action<LeaseEvent> onEvent)
    {
        // Retry forever quietly (-t 3 -T 1, then -A 2 s pause): the node stays up and keeps asking.
        var client = DhcpClient.Start(null, link, new DhcpClientOptions { Tries = 3, SecondsPerTry = 1, SecondsBetweenAttempts = 2 });
        var pump = Task.Run(async () =>
        {
            await foreach (var e in client.Events.ReadAllAsync())
            {
                var kind = e.Kind switch
                {
                    DhcpEventKind.Bound => LeaseEventKind.Bound,
                    DhcpEventKind.Renew => LeaseEventKind.Renew,
                    DhcpEventKind.Nak => LeaseEventKind.Nak,
                    DhcpEventKind.LeaseFail => LeaseEventKind.LeaseFail,
                    _ => LeaseEventKind.Deconfig,
                };
                try
                {
                    onEvent(new LeaseEvent(kind, e.Lease is { } l ? UdhcpcDhcpProbe.ToCore(l) : null));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A failed apply (e.g. the link vanished) must not stop the event pump; the next event retries.
                    Console.Error.WriteLine($"applying DHCP event {kind} on {link} failed: {ex.Message}");
                }
            }
        });
        return new Handle(client, pump);
    }

    private sealed class Handle(DhcpClient client, Task pump) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await client.DisposeAsync();
            await pump;
        }
    }
}
