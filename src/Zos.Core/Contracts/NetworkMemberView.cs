using Zos.Core.Networks;

namespace Zos.Core.Contracts;

/// <summary>
/// One member of a user network as the registry shows it: a node (<see cref="Kind"/> node, <see cref="Id"/> the node id)
/// or a user-access member (a name chosen by the owner). Key, port and endpoints come from the node's report (or the
/// user's join). The mesh's own model of a member is <see cref="NetworkMember"/>.
/// </summary>
public sealed record NetworkMemberView(
    NetworkMemberKind Kind,
    string Id,
    string Subnet,
    string? PublicKey,
    int? ListenPort,
    IReadOnlyList<string> Endpoints);
