namespace Zos.Core.Contracts;

/// <summary>One WireGuard peer entry of the mesh picture: member <see cref="From"/> has <see cref="To"/> as peer, dialing <see cref="Endpoint"/> (null: waits to be dialed).</summary>
public sealed record MeshLink(string From, string To, string? Endpoint, IReadOnlyList<string> AllowedIps);
