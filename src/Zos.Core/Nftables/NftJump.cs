namespace Zos.Core.Nftables;

/// <summary><c>jump CHAIN</c>: to a regular chain of the same table (checked by <see cref="NftTable"/>).</summary>
public sealed record NftJump : NftStatement
{
    /// <summary>Creates the jump; the chain name must be a plain identifier.</summary>
    public NftJump(string chain)
    {
        NftValidation.ValidateIdentifier(chain, "jump target");
        Chain = chain;
    }

    /// <summary>The target chain.</summary>
    public string Chain { get; }

    internal override string Render(NftFamily family) => $"jump {Chain}";
}
