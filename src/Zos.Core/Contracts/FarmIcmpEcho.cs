namespace Zos.Core.Contracts;

/// <summary>Body of <c>PUT /api/v1/farms/{id}/icmp-echo</c>: whether the farm's nodes answer ICMP echo on their management and public addresses.</summary>
public sealed record FarmIcmpEcho(bool Answer);
