using System.Net;
using System.Net.Sockets;

namespace Zos.Node.Bringup;

/// <summary>
/// TCP connect with a timeout to every address of every target, all at once (the original dials two fixed hosts
/// without a timeout, zos-networking.md §1.3 step 3). Any answer proves the route: an accepted connection, or a TCP
/// reset (RST, ECONNREFUSED), which only the target's host or a device on the path can send. Only timeouts and
/// unreachables (no route, ICMP unreachable) count against the route. Nothing listens.
/// </summary>
public sealed class TcpConnectivityProbe : IConnectivityProbe
{
    public async Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct)
    {
        if (targets.Count == 0)
            return ConnectivityResult.Failed("no connectivity target (give zos-probe= or connectivityTargets)");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var attempts = targets.Select(t => TryTargetAsync(t, deadline.Token)).ToList();
        var results = await Task.WhenAll(attempts);
        ct.ThrowIfCancellationRequested();
        var v4 = results.Any(r => r.V4);
        var v6 = results.Any(r => r.V6);
        if (v4 || v6)
        {
            return new ConnectivityResult(true, v4, v6, null)
            {
                Accepted = results.Any(r => r.Accepted),
                Answer = string.Join(", ", results.Where(r => r.Answer is not null).Select(r => r.Answer)),
            };
        }
        return ConnectivityResult.Failed(string.Join("; ", results.Select(r => r.Error)));
    }

    private static async Task<(bool V4, bool V6, bool Accepted, string? Answer, string? Error)> TryTargetAsync(ConnectivityTarget target, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return (false, false, false, null, $"{target}: cannot resolve ({e.Message})");
        }
        var tries = addresses.Select(a => ConnectAsync(a, target.Port, ct)).ToList();
        var outcomes = await Task.WhenAll(tries);
        bool Answered(int i, AddressFamily family) => outcomes[i] is TcpOutcome.Accepted or TcpOutcome.Refused && addresses[i].AddressFamily == family;
        var v4 = addresses.Where((_, i) => Answered(i, AddressFamily.InterNetwork)).Any();
        var v6 = addresses.Where((_, i) => Answered(i, AddressFamily.InterNetworkV6)).Any();
        var accepted = outcomes.Any(o => o is TcpOutcome.Accepted);
        var answer = !(v4 || v6) ? null : accepted ? $"{target} accepted" : $"{target} refused (TCP reset)";
        var error = v4 || v6 ? null : $"{target}: {string.Join(", ", outcomes.Select(o => o.Detail).Distinct())}";
        return (v4, v6, accepted, answer, error);
    }

    private abstract record TcpOutcome(string Detail)
    {
        public sealed record Accepted() : TcpOutcome("accepted");

        public sealed record Refused() : TcpOutcome("refused");

        public sealed record Failed(string Why) : TcpOutcome(Why);
    }

    private static async Task<TcpOutcome> ConnectAsync(IPAddress address, int port, CancellationToken ct)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), ct);
            return new TcpOutcome.Accepted();
        }
        catch (OperationCanceledException)
        {
            return new TcpOutcome.Failed("timeout");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return new TcpOutcome.Refused();
        }
        catch (SocketException e)
        {
            return new TcpOutcome.Failed(e.SocketErrorCode.ToString());
        }
    }
}
