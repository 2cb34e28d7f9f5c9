namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/networks/{netid}/members</c>: a node to add; the subnet is allocated when null.</summary>
public sealed record NetworkMemberAdd(string NodeId, string? Subnet = null);
