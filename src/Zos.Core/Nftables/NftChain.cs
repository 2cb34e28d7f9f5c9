namespace Zos.Core.Nftables;

/// <summary>A chain: a base chain when <see cref="Base"/> is set, else a regular chain reached by jump.</summary>
public sealed record NftChain
{
    /// <summary>Creates a chain; the name must be a plain nft identifier (<see cref="NftValidation.ValidateIdentifier"/>).</summary>
    public NftChain(string name, NftBaseChain? @base, IReadOnlyList<NftRule> rules)
    {
        NftValidation.ValidateIdentifier(name, "chain name");
        Name = name;
        Base = @base;
        Rules = rules;
    }

    /// <summary>The chain name.</summary>
    public string Name { get; }

    /// <summary>Type, hook, priority and policy; null for a regular chain.</summary>
    public NftBaseChain? Base { get; }

    /// <summary>The rules in order.</summary>
    public IReadOnlyList<NftRule> Rules { get; }
}
