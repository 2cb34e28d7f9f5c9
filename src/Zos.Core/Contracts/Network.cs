namespace Zos.Core.Contracts;

/// <summary>A user network: NetID, owner, name, range, members and the version optimistic concurrency works on.</summary>
public sealed record Network(
    string NetId,
    long OwnerId,
    string Name,
    string Range,
    long Version,
    IReadOnlyList<NetworkMemberView> Members);
