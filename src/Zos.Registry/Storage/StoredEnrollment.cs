using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>A row of node_enrollments: node <see cref="NodeId"/> asked to join farm <see cref="FarmId"/> and waits (or was refused) since <see cref="Since"/> (unix ms).</summary>
public sealed record StoredEnrollment(string NodeId, uint FarmId, EnrollmentState State, long Since)
{
    public NodeEnrollment ToContract() => new(FarmId, State, DateTimeOffset.FromUnixTimeMilliseconds(Since));
}
