namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/farms</c>, signed by the owner's account key. <see cref="AnswerIcmpEcho"/> null: answered (the default).</summary>
public sealed record FarmCreate(
    string Name,
    IReadOnlyList<FarmIpAdd>? PublicIps = null,
    IReadOnlyList<string>? Ipv6Prefixes = null,
    FarmBootProfile? Boot = null,
    bool? AnswerIcmpEcho = null);
