namespace Zos.Node.Bringup;

/// <summary>
/// The registry's own reason, once the route out is proven: a registry that refuses connections or does not answer is
/// the registry's problem (an outage, a closed port, a firewall in front of it), not the node's network.
/// </summary>
public static class RegistryReachability
{
    /// <summary>Null when the registry accepted a connection, else the reason naming the registry.</summary>
    public static string? Describe(ConnectivityTarget registry, ConnectivityResult check)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(check);
        if (check.Ok && check.Accepted)
            return null;
        return check.Ok
            ? $"registry at {registry} refuses connections; the route out works"
            : $"registry at {registry} does not answer ({check.Error}); the route out works";
    }

    /// <summary>
    /// A failed registry request in the same words: a refused connection (TCP reset) is "refuses connections", since
    /// the reset itself came over the route out; anything else is the request's own message.
    /// </summary>
    public static string DescribeFailure(Uri registry, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
                return $"registry at {ConnectivityTarget.FromUri(registry)} refuses connections; the route out works";
        }
        return $"registry at {ConnectivityTarget.FromUri(registry)}: {failure.Message}";
    }
}
