using Zos.Node.Bringup;

namespace Zos.Node;

/// <summary>
/// A phase the daemon runs once bring-up has the Internet (registration and heartbeats now; the network manager
/// later). Phases run side by side until the daemon stops; a phase never tears the network down.
/// </summary>
public interface IOnlinePhase
{
    string Name { get; }

    Task RunAsync(OnlineContext context, CancellationToken ct);
}

/// <summary>What an online phase gets: the platform, bring-up's outcome, the status and the node's settings.</summary>
public sealed record OnlineContext(NodePlatform Platform, BringupOutcome Bringup, StatusReporter Status, NodeSetup Setup);
