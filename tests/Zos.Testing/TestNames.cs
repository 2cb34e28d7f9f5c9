using System.Collections.Concurrent;

namespace Zos.Testing;

/// <summary>
/// Unique, short names for what tests create (namespaces, links), all with the prefix <see cref="Prefix"/> so the
/// leak check can tell them apart from anything else on the host. Link names stay within IFNAMSIZ (15).
/// </summary>
public static class TestNames
{
    public const string Prefix = "zt";

    /// <summary>Length of the unique part: the prefix plus 6 random hex digits.</summary>
    public const int IdLength = 8;

    private static readonly ConcurrentDictionary<string, byte> s_issuedIds = new(StringComparer.Ordinal);

    /// <summary>A name like "zt3fa9c1-ns": prefix, 6 random hex digits, a short role (kept to 15 characters).</summary>
    public static string New(string role = "")
    {
        var id = Prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        s_issuedIds.TryAdd(id, 0);
        var name = role.Length == 0 ? id : $"{id}{role}";
        return name.Length <= 15 ? name : name[..15];
    }

    /// <summary>
    /// Whether <paramref name="name"/> starts with an id this process issued, so a leak check can ignore "zt*"
    /// objects of other test processes running on the same host at the same time.
    /// </summary>
    public static bool IssuedHere(string name) =>
        name.Length >= IdLength && s_issuedIds.ContainsKey(name[..IdLength]);
}
