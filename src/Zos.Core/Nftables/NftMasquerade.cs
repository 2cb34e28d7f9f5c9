namespace Zos.Core.Nftables;

/// <summary><c>masquerade [fully-random]</c>: source NAT to the outgoing interface's address (postrouting nat chains only).</summary>
public sealed record NftMasquerade(bool FullyRandom = true) : NftStatement
{
    internal override string Render(NftFamily family) => FullyRandom ? "masquerade fully-random" : "masquerade";
}
