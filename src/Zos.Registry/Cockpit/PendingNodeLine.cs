using Zos.Core.Contracts;

namespace Zos.Registry.Cockpit;

/// <summary>
/// A node that asked to join the farm without the farmer's consent, as the farm page's "pending" section shows it:
/// pending or refused since when, last seen, and its NICs (names and MACs: what the farmer recognises a machine by).
/// </summary>
public sealed record PendingNodeLine(string Id, EnrollmentState State, DateTimeOffset Since, DateTimeOffset LastSeen, IReadOnlyList<InterfaceInfo> Interfaces)
{
    public static PendingNodeLine From(NodeView view) =>
        new(view.Id, view.Enrollment?.State ?? EnrollmentState.Pending, view.Enrollment?.Since ?? view.FirstSeen, view.LastSeen, view.Interfaces);
}
