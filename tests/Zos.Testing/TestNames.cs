namespace Zos.Testing;

/// <summary>
/// Unique, short names for what tests create (namespaces, links), all with the prefix <see cref="Prefix"/> so the
/// leak check can tell them apart from anything else on the host. Link names stay within IFNAMSIZ (15).
/// </summary>
public static class TestNames
{
    public const string Prefix = "zt";

    /// <summary>A name like "zt3fa9c1-ns": prefix, 6 random hex digits, a short role (kept to 15 characters).</summary>
    public static string New(string role = "")
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var name = role.Length == 0 ? $"{Prefix}{id}" : $"{Prefix}{id}{role}";
        return name.Length <= 15 ? name : name[..15];
    }
}
