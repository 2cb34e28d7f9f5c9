using System.Globalization;
using System.Text;

namespace Zos.Core.Nftables;

/// <summary>
/// Renders the model to nft syntax. Pure (no IO). Every value comes from a validated model object, so no caller text
/// reaches the output unchecked.
/// </summary>
public static class NftRenderer
{
    /// <summary>The nft keyword of a family.</summary>
    public static string Keyword(NftFamily family) => family switch
    {
        NftFamily.Inet => "inet",
        NftFamily.Ip => "ip",
        NftFamily.Ip6 => "ip6",
        NftFamily.Bridge => "bridge",
        NftFamily.Arp => "arp",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown nftables family"),
    };

    /// <summary>
    /// The whole transaction for <c>nft -f -</c>: for each table, "table F N" (creates it if missing) and
    /// "delete table F N" before its new definition, so the table is replaced atomically whether or not it existed
    /// (nft 1.0.6 has no "destroy"); obsolete tables are removed the same way. Other tables are not mentioned.
    /// </summary>
    public static string RenderTransaction(NftRuleset ruleset)
    {
        var sb = new StringBuilder();
        foreach (var (family, name) in ruleset.Obsolete)
        {
            NftValidation.ValidateIdentifier(name, "table name");
            sb.Append(CultureInfo.InvariantCulture, $"table {Keyword(family)} {name}\n");
            sb.Append(CultureInfo.InvariantCulture, $"delete table {Keyword(family)} {name}\n");
        }
        foreach (var table in ruleset.Tables)
        {
            sb.Append(CultureInfo.InvariantCulture, $"table {Keyword(table.Family)} {table.Name}\n");
            sb.Append(CultureInfo.InvariantCulture, $"delete table {Keyword(table.Family)} {table.Name}\n");
            sb.Append(RenderTable(table));
        }
        return sb.ToString();
    }

    /// <summary>One table definition in nft syntax.</summary>
    public static string RenderTable(NftTable table)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"table {Keyword(table.Family)} {table.Name} {{\n");
        foreach (var chain in table.Chains)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\tchain {chain.Name} {{\n");
            if (chain.Base is { } b)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"\t\ttype {b.Type.ToString().ToLowerInvariant()} hook {b.Hook.ToString().ToLowerInvariant()} priority {b.Priority}; policy {b.Policy.ToString().ToLowerInvariant()};\n");
            }
            foreach (var rule in chain.Rules)
                sb.Append("\t\t").Append(RenderRule(rule, table.Family)).Append('\n');
            sb.Append("\t}\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>One rule in nft syntax (one line).</summary>
    public static string RenderRule(NftRule rule, NftFamily family)
    {
        var parts = rule.Matches.Select(m => m.Render(family)).Concat(rule.Statements.Select(s => s.Render(family))).ToList();
        if (rule.Comment is not null)
            parts.Add($"comment \"{rule.Comment}\"");
        return string.Join(' ', parts);
    }
}
