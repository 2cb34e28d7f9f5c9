namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/networks</c>: the name (unique per owner) and the IPv4 range ("10.20.0.0/16").</summary>
public sealed record NetworkCreate(string Name, string Range);
