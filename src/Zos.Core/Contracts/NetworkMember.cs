namespace Zos.Core.Contracts;

/// <summary>
/// One member of a user network: a node (<see cref="Kind"/> "node", <see cref="Id"/> the node id) or a user-access
/// member ("user", a name chosen by the owner). Key, port and endpoints come from the node's report (or the user's join).
/// </summary>
public sealed record NetworkMember(
    string Kind,
    string Id,
    string Subnet,
    string? PublicKey,
    int? ListenPort,
    IReadOnlyList<string> Endpoints);
