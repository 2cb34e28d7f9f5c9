namespace Zos.Node.Bringup;

/// <summary>Checks that the node reaches the outside (the registry) through its current routes.</summary>
public interface IConnectivityProbe
{
    Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct);
}
