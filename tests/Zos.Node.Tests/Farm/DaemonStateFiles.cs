using System.Diagnostics;
using System.Text.Json;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node.Network;

namespace Zos.Node.Tests.Farm;

/// <summary>What a test reads of a running daemon from its state directory, and how it crashes one.</summary>
internal static class DaemonStateFiles
{
    /// <summary>status.json, or null while it is missing or half-written (the daemon replaces it as it goes).</summary>
    public static BringupStatus? ReadBringupStatus(string stateDirectory)
    {
        var file = Path.Combine(stateDirectory, "status.json");
        try
        {
            return File.Exists(file) ? StatusReporter.Read(file) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            return null;
        }
    }

    /// <summary>network-status.json, or null while it is missing or half-written.</summary>
    public static NetworkStatus? ReadNetworkStatus(string stateDirectory)
    {
        try
        {
            return new NetworkStatusFile(Path.Combine(stateDirectory, NetworkStatusFile.FileName)).Read();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL to the daemon only: its children (udhcpc, wireguard-go) live on, as after a crash.</summary>
    public static void KillHard(Process? daemon)
    {
        if (daemon is { HasExited: false })
        {
            daemon.Kill(entireProcessTree: false);
            daemon.WaitForExit(5000);
        }
    }
}
