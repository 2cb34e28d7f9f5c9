namespace Zos.Node.Bringup;

/// <summary>
/// What the connectivity check found: whether any target answered (a route out), per address family, whether any
/// target accepted the connection (a reset answers but refuses), what answered, and otherwise why nothing did.
/// </summary>
public sealed record ConnectivityResult(bool Ok, bool Ipv4, bool Ipv6, string? Error)
{
    /// <summary>True when at least one target completed the TCP handshake; false when every answer was a reset.</summary>
    public bool Accepted { get; init; }

    /// <summary>What answered, e.g. "192.0.2.1:443 accepted" or "192.0.2.1:443 refused (TCP reset)"; null when nothing did.</summary>
    public string? Answer { get; init; }

    public static ConnectivityResult Failed(string error) => new(false, false, false, error);
}
