using System.Net.Sockets;
using System.Text;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// HTTP/1.1 over a bare loopback socket, for what HttpClient will not do: send a head that declares a body and wait
/// for the answer without sending it, or send a chunked body piece by piece.
/// </summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttp(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri baseUrl, CancellationToken ct)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, ct);
        return new RawHttp(tcp);
    }

    public async Task WriteAsync(string text, CancellationToken ct) => await _stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) => await _stream.WriteAsync(bytes, ct);

    /// <summary>Writes one chunk of chunked transfer coding (RFC 9112 §7.1).</summary>
    public async Task WriteChunkAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await WriteAsync($"{data.Length:x}\r\n", ct);
        await _stream.WriteAsync(data, ct);
        await WriteAsync("\r\n", ct);
    }

    /// <summary>The answer's status line and headers (lowercase names), and whatever of its body came with them; throws after <paramref name="timeout"/>.</summary>
    public async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var n = await _stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
                throw new IOException($"the connection closed before a whole answer head: '{Encoding.ASCII.GetString([.. received])}'");
            received.AddRange(buffer.AsSpan(0, n).ToArray());
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
                continue;
            var lines = text[..end].Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            return (status, headers);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
