namespace Zos.Node.Bringup;

/// <summary>What the connectivity check found: which targets answered, per address family.</summary>
public sealed record ConnectivityResult(bool Ok, bool Ipv4, bool Ipv6, string? Error)
{
    public static ConnectivityResult Failed(string error) => new(false, false, false, error);
}
