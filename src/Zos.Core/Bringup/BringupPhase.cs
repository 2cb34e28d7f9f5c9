namespace Zos.Core.Bringup;

/// <summary>Where the node's bring-up stands, as written to the status file.</summary>
public enum BringupPhase
{
    Starting,
    Probing,
    Configuring,
    CheckingConnectivity,
    WaitingToRetry,
    Online,
}
