using System.Diagnostics.CodeAnalysis;

namespace Zos.Core.Networks;

/// <summary>
/// The one place a <see cref="NetworkMemberKind"/> becomes text and back: "node" and "user", as the registry's API and
/// store, network documents and mesh plans write them (the JSON names of the enum are these constants too).
/// </summary>
public static class NetworkMemberKindText
{
    public const string Node = "node";

    public const string User = "user";

    public static string Format(NetworkMemberKind kind) => kind switch
    {
        NetworkMemberKind.Node => Node,
        NetworkMemberKind.UserAccess => User,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{kind} is not a network member kind"),
    };

    /// <summary>The kind written as <paramref name="text"/> ("node" or "user", exactly); false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out NetworkMemberKind kind)
    {
        switch (text)
        {
            case Node:
                kind = NetworkMemberKind.Node;
                return true;
            case User:
                kind = NetworkMemberKind.UserAccess;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
