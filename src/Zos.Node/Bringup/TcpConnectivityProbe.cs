using System.Net;
using System.Net.Sockets;

namespace Zos.Node.Bringup;

/// <summary>
/// TCP connect with a timeout to every address of every target, all at once; success when any target answers
/// (the original dials two fixed hosts without a timeout, zos-networking.md §1.3 step 3). Nothing listens.
/// </summary>
public sealed class TcpConnectivityProbe : IConnectivityProbe
{
    public async Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct)
    {
        if (targets.Count == 0)
            return ConnectivityResult.Failed("no connectivity target (give zos-registry= or connectivityTargets)");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var attempts = targets.Select(t => TryTargetAsync(t, deadline.Token)).ToList();
        var results = await Task.WhenAll(attempts);
        var v4 = results.Any(r => r.V4);
        var v6 = results.Any(r => r.V6);
        if (v4 || v6)
            return new ConnectivityResult(true, v4, v6, null);
        return ConnectivityResult.Failed(string.Join("; ", results.Select(r => r.Error)));
    }

    private static async Task<(bool V4, bool V6, string? Error)> TryTargetAsync(ConnectivityTarget target, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return (false, false, $"{target}: cannot resolve ({e.Message})");
        }
        var tries = addresses.Select(a => ConnectAsync(a, target.Port, ct)).ToList();
        var ok = await Task.WhenAll(tries);
        var v4 = addresses.Where((a, i) => ok[i] is null && a.AddressFamily == AddressFamily.InterNetwork).Any();
        var v6 = addresses.Where((a, i) => ok[i] is null && a.AddressFamily == AddressFamily.InterNetworkV6).Any();
        return (v4, v6, v4 || v6 ? null : $"{target}: {string.Join(", ", ok.Where(e => e is not null).Distinct())}");
    }

    private static async Task<string?> ConnectAsync(IPAddress address, int port, CancellationToken ct)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), ct);
            return null;
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode.ToString();
        }
    }
}
