namespace Zos.Protocols.Dhcp.Server;

/// <summary>The outcome of one request: a reply (or none, with the reason) and the lease changes to apply.</summary>
public sealed record DhcpDecision(DhcpMessage? Reply, IReadOnlyList<DhcpLeaseChange> Changes, DhcpDropReason DropReason)
{
    public static DhcpDecision Drop(DhcpDropReason reason, params DhcpLeaseChange[] changes) => new(null, changes, reason);

    public static DhcpDecision Handled(params DhcpLeaseChange[] changes) => new(null, changes, DhcpDropReason.None);

    public static DhcpDecision Answer(DhcpMessage reply, params DhcpLeaseChange[] changes) => new(reply, changes, DhcpDropReason.None);
}
