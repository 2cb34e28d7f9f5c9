namespace Zos.Core.Nftables;

/// <summary>A table with its chains. Zos owns its tables completely: applying replaces them as a whole.</summary>
public sealed record NftTable
{
    /// <summary>Creates a table; the name must be a plain nft identifier. Jump targets must be chains of this table.</summary>
    public NftTable(NftFamily family, string name, IReadOnlyList<NftChain> chains)
    {
        NftValidation.ValidateIdentifier(name, "table name");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            if (!names.Add(chain.Name))
                throw new ArgumentException($"table {family.ToString().ToLowerInvariant()} {name}: chain '{chain.Name}' is defined twice", nameof(chains));
        }
        foreach (var chain in chains)
        {
            foreach (var target in chain.Rules.SelectMany(r => r.Statements).OfType<NftJump>())
            {
                if (!names.Contains(target.Chain))
                    throw new ArgumentException($"table {family.ToString().ToLowerInvariant()} {name}: chain '{chain.Name}' jumps to unknown chain '{target.Chain}'", nameof(chains));
            }
        }
        Family = family;
        Name = name;
        Chains = chains;
    }

    /// <summary>The family.</summary>
    public NftFamily Family { get; }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The chains in order (regular chains may come after the chains that jump to them).</summary>
    public IReadOnlyList<NftChain> Chains { get; }
}
