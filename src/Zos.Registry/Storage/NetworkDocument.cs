namespace Zos.Registry.Storage;

/// <summary>What a network row keeps as JSON: range and members (user-access members carry their key here; nodes report theirs).</summary>
public sealed record NetworkDocument(string Range, IReadOnlyList<StoredMember> Members);
