namespace Zos.Core.Contracts;

/// <summary>
/// The one document a node converges to (<c>GET /api/v1/nodes/{id}/desired-state</c>). <see cref="Version"/> grows
/// on every change and is the ETag; a long-poll with <c>If-None-Match</c> returns only when it moves.
/// <see cref="AnswerIcmpEcho"/> is the farm's choice (<see cref="Farm.AnswerIcmpEcho"/>): whether the node answers ICMP
/// echo on its management and public addresses; absent (an older registry) means answered, as the setup document says.
/// </summary>
public sealed record DesiredState(
    string NodeId,
    long Version,
    uint? FarmId,
    PublicConfig? PublicConfig,
    IReadOnlyList<NetworkPart> Networks,
    bool AnswerIcmpEcho = true)
{
    /// <summary>The HTTP entity tag of a version (quoted, strong).</summary>
    public static string ETagOf(long version) => $"\"{version}\"";
}
