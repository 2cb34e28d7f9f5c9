namespace Zos.Linux.Nftables;

/// <summary>A table as the kernel reports it.</summary>
/// <param name="Family">"inet", "ip", "ip6", "bridge", "arp" or "netdev".</param>
/// <param name="Name">The table name.</param>
/// <param name="Chains">Its chains.</param>
public sealed record NftLiveTable(string Family, string Name, IReadOnlyList<NftLiveChain> Chains)
{
    /// <summary>The chain called <paramref name="name"/>, or null.</summary>
    public NftLiveChain? Chain(string name) => Chains.FirstOrDefault(c => c.Name == name);
}
