using System.Net.Sockets;
using System.Text;

namespace Zos.Packaging.Tests;

/// <summary>
/// The socket systemd gives a Type=notify service in <c>NOTIFY_SOCKET</c> (sd_notify(3)): a unix datagram socket the
/// service writes "READY=1" to once it serves. Without it systemd kills the service when TimeoutStartSec runs out.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly string _directory;
    private readonly Socket _socket;

    public NotifySocket()
    {
        _directory = Directory.CreateTempSubdirectory("zos-notify-").FullName;
        File.SetUnixFileMode(_directory, (UnixFileMode)0x1ED); // 0755: the service's user reaches the socket
        Path = System.IO.Path.Combine(_directory, "notify");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        File.SetUnixFileMode(Path, (UnixFileMode)0x1B6); // 0666: systemd's own socket takes any local sender too
    }

    public string Path { get; }

    /// <summary>The first datagram that carries READY=1, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitReadyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                var message = Encoding.UTF8.GetString(buffer, 0, length);
                if (message.Split('\n').Contains("READY=1"))
                    return message;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
