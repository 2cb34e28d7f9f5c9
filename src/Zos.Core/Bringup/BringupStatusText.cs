using System.Globalization;
using System.Text;

namespace Zos.Core.Bringup;

/// <summary>The human form of <see cref="BringupStatus"/> (console after each attempt, <c>zos node status</c>).</summary>
public static class BringupStatusText
{
    public static string Render(BringupStatus status)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"node {status.NodeId ?? "(no identity yet)"}  farm {(status.Orphan ? "none (orphan)" : status.FarmId?.ToString(inv) ?? "?")}\n");
        sb.Append(inv, $"phase {PhaseText(status.Phase)}  attempt {status.Attempt}  updated {status.UpdatedAt:u}\n");
        foreach (var problem in status.ParameterProblems)
            sb.Append(inv, $"parameter problem: {problem}\n");
        if (status.InternetOk)
            sb.Append(inv, $"internet OK via {status.ChosenNic ?? "?"} ({(status.Family == AddressFamilyChoice.Ipv6Only ? "IPv6 only" : "IPv4")}){(status.KeptExistingSetup ? ", existing zos setup kept" : "")}\n");
        if (status.LastError is not null)
            sb.Append(inv, $"last error: {status.LastError}\n");
        if (status.NextAttemptAt is { } next && !status.InternetOk)
            sb.Append(inv, $"next attempt at {next:u}\n");
        if (status.ZosAddresses.Count > 0)
            sb.Append(inv, $"zos addresses: {string.Join(" ", status.ZosAddresses)}\n");
        sb.Append(inv, $"registry: {(status.Registered ? $"registered at {status.RegisteredAt:u}" : status.Enrollment ?? "not registered")}");
        if (status.LastHeartbeatAt is { } hb)
            sb.Append(inv, $", last heartbeat {hb:u}");
        if (status.RegistryError is not null)
            sb.Append(inv, $", last error: {status.RegistryError}");
        sb.Append('\n');
        sb.Append(NicStatusTable.Render(status.Nics));
        return sb.ToString();
    }

    private static string PhaseText(BringupPhase phase) => phase switch
    {
        BringupPhase.Starting => "starting",
        BringupPhase.Probing => "probing NICs",
        BringupPhase.Configuring => "configuring zos",
        BringupPhase.CheckingConnectivity => "checking connectivity",
        BringupPhase.WaitingToRetry => "waiting to retry",
        BringupPhase.Online => "online",
        _ => phase.ToString(),
    };
}
