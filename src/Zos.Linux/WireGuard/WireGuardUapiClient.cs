using System.Net.Sockets;
using System.Text;

namespace Zos.Linux.WireGuard;

/// <summary>Talks the configuration protocol over a device's unix socket (wireguard-go: /var/run/wireguard/NAME.sock).</summary>
public sealed class WireGuardUapiClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Uses the socket at <paramref name="socketPath"/>.</summary>
    public WireGuardUapiClient(string socketPath) => SocketPath = socketPath;

    /// <summary>The socket path.</summary>
    public string SocketPath { get; }

    /// <summary>Reads the device's configuration and counters.</summary>
    public async Task<WireGuardDeviceState> GetAsync(CancellationToken cancellationToken = default) =>
        WireGuardUapi.ParseGet(await ExchangeAsync(WireGuardUapi.GetRequest, "get", cancellationToken).ConfigureAwait(false));

    /// <summary>Applies <paramref name="update"/> (nothing is sent when it is empty).</summary>
    public async Task SetAsync(WireGuardUpdate update, CancellationToken cancellationToken = default)
    {
        if (update.IsEmpty)
            return;
        var response = await ExchangeAsync(WireGuardUapi.RenderSet(update), "set", cancellationToken).ConfigureAwait(false);
        WireGuardUapi.CheckSetResponse(response, $"configure WireGuard device at {SocketPath}");
    }

    private async Task<string> ExchangeAsync(string request, string what, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(s_timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cts.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token).ConfigureAwait(false);
            // The answer ends with an empty line; the device closes or keeps the connection, so read until "\n\n".
            var buffer = new byte[16 * 1024];
            var received = new MemoryStream();
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0)
                    break;
                received.Write(buffer, 0, n);
                var span = received.GetBuffer().AsSpan(0, (int)received.Length);
                if (span.EndsWith("\n\n"u8) && (span.Length == 2 || span.IndexOf("errno="u8) >= 0))
                    break;
            }
            return Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length);
        }
        catch (SocketException e)
        {
            throw new WireGuardException($"WireGuard {what} over {SocketPath} failed: {e.Message}", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WireGuardException($"WireGuard {what} over {SocketPath} timed out after {s_timeout.TotalSeconds} s");
        }
    }
}
