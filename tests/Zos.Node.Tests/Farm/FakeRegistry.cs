using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Node.Tests.Farm;

/// <summary>One request the fake registry received.</summary>
internal sealed record RegistryRequest(DateTimeOffset At, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A test double of the registry's node API (<c>POST /api/v1/nodes</c>, <c>POST /api/v1/nodes/{id}/heartbeat</c>)
/// served from a socket inside the farm's "internet" namespace. It records requests; <see cref="Down"/> makes it
/// refuse service (HTTP 503) to test retries.
/// </summary>
internal sealed class FakeRegistry : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RegistryRequest> _requests = new();
    private readonly Task _loop;

    public FakeRegistry(string netns, int port)
    {
        Port = port;
        _listener = NamespaceListener.Listen(netns, port);
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public bool Down { get => Volatile.Read(ref _down); set => Volatile.Write(ref _down, value); }

    private bool _down;

    public IReadOnlyList<RegistryRequest> Requests => [.. _requests];

    public IReadOnlyList<RegistryRequest> Registrations => Requests.Where(r => r.Method == "POST" && r.Path == "/api/v1/nodes").ToList();

    public IReadOnlyList<RegistryRequest> Heartbeats => Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/heartbeat", StringComparison.Ordinal)).ToList();

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public async Task WaitForAsync(Func<FakeRegistry, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"the fake registry did not see {what} within {timeout.TotalSeconds} s; it saw: {string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path}"))}");
            await Task.Delay(100);
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                while (await ReadRequestAsync(client) is { } request)
                {
                    var (status, body) = Handle(request);
                    var bytes = Encoding.UTF8.GetBytes(body);
                    var head = string.Create(CultureInfo.InvariantCulture,
                        $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Service Unavailable")}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n");
                    await client.SendAsync(Encoding.ASCII.GetBytes(head));
                    await client.SendAsync(bytes);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The node hung up; nothing to do.
            }
        }
    }

    private (int Status, string Body) Handle(RegistryRequest request)
    {
        if (Down)
            return (503, "{\"title\":\"down for the test\"}");
        _requests.Enqueue(request);
        if (request.Path == "/api/v1/nodes")
        {
            var registration = JsonSerializer.Deserialize<NodeRegistration>(request.Body, ContractJson.Options)!;
            var now = DateTimeOffset.UtcNow;
            var view = new NodeView(registration.NodeId, registration.FarmId, registration.Interfaces, registration.Capacity, registration.Versions,
                registration.ManagementNic, null, null, NodeStatus.Up, now, now, 0, 100);
            return (200, JsonSerializer.Serialize(view, ContractJson.Options));
        }
        return (200, "{}");
    }

    private static async Task<RegistryRequest?> ReadRequestAsync(Socket client)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var n = await client.ReceiveAsync(chunk);
            if (n == 0)
                return null;
            buffer.AddRange(chunk.AsSpan(0, n));
        }
        var headText = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]);
        var lines = headText.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 0;
        var bodyStart = headerEnd + 4;
        while (buffer.Count - bodyStart < length)
        {
            var n = await client.ReceiveAsync(chunk);
            if (n == 0)
                return null;
            buffer.AddRange(chunk.AsSpan(0, n));
        }
        var body = Encoding.UTF8.GetString([.. buffer.Skip(bodyStart).Take(length)]);
        var path = requestLine[1].Split('?')[0];
        return new RegistryRequest(DateTimeOffset.UtcNow, requestLine[0], path, headers, body);
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                return i;
        }
        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }
}
