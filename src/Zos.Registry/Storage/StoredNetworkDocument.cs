using Zos.Core.Networks;

namespace Zos.Registry.Storage;

/// <summary>
/// What a network row keeps as JSON: range and members (user-access members carry their key here; nodes report
/// theirs), and the access node user-access members were given (their wg-quick files name it: it stays the access
/// node while it can serve; absent in documents written before it existed).
/// </summary>
public sealed record StoredNetworkDocument(string Range, IReadOnlyList<StoredMember> Members, string? AccessNode = null)
{
    /// <summary>The ids of the node members (not user access): the nodes whose desired state carries this network.</summary>
    public IEnumerable<string> NodeIds() => Members.Where(m => m.Kind == NetworkMemberKind.Node).Select(m => m.Id);
}
