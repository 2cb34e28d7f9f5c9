using System.Net.Sockets;
using System.Text;

namespace Zos.Lab.Vm;

/// <summary>
/// Runs shell commands inside a lab VM through its second serial port (qemu's unix socket, the image's debug shell
/// under <c>zos-debug</c>), framed by <see cref="VmConsoleFraming"/>. qemu's socket serves one client at a time, so
/// each command connects, sends one line and reads until its end marker; calls on one VM are serialised.
/// </summary>
public sealed class VmConsole(string socketPath)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string SocketPath => socketPath;

    /// <summary>The command's output and status, or null when the shell did not answer within <paramref name="timeout"/>.</summary>
    public async Task<VmConsoleResult?> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var nonce = VmConsoleFraming.NewNonce();
        var line = VmConsoleFraming.Line(command, nonce);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cts.Token).ConfigureAwait(false);
                // A lone newline first: it ends any half-typed line and wakes a console that waits for Enter.
                await socket.SendAsync(Encoding.UTF8.GetBytes("\n" + line), SocketFlags.None, cts.Token).ConfigureAwait(false);
                var received = new StringBuilder();
                var buffer = new byte[8192];
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                    if (n == 0)
                        return null;
                    received.Append(Encoding.UTF8.GetString(buffer, 0, n));
                    if (VmConsoleFraming.TryParse(received.ToString(), nonce) is { } result)
                        return result;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null; // timed out
            }
            catch (SocketException)
            {
                return null; // qemu not (yet, or no longer) listening
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Retries <see cref="RunAsync"/> until the shell answers (the VM still booting) or <paramref name="deadline"/>.</summary>
    public async Task<VmConsoleResult?> RunWhenReadyAsync(string command, TimeSpan perTry, DateTime deadline, CancellationToken ct)
    {
        while (true)
        {
            if (await RunAsync(command, perTry, ct).ConfigureAwait(false) is { } result)
                return result;
            if (DateTime.UtcNow >= deadline)
                return null;
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }
    }
}
