namespace Zos.Core.Router;

/// <summary>
/// The files a farmer installs on a Linux router for a farm, as `zos farm router-config` writes them.
/// The lab applies exactly these to its router namespace.
/// </summary>
/// <param name="Nftables">nftables ruleset (`nft -f nftables.conf`): NAT of the management network toward the uplink.</param>
/// <param name="Addresses">iproute2 batch (`ip -batch addresses.ip`): port addresses, links up, routes of the public subnet and prefix onto the public segment.</param>
/// <param name="Sysctl">sysctl settings (`sysctl -p sysctl.conf`): forwarding for IPv4 and IPv6.</param>
/// <param name="Radvd">radvd.conf announcing the farm's IPv6 prefix on the public segment, or null when no port announces one.</param>
public sealed record RouterConfigFiles(string Nftables, string Addresses, string Sysctl, string? Radvd)
{
    /// <summary>
    /// Shell script (`sh vlan-links.sh`, before the addresses) creating the 802.1Q links of the ports tagged on a trunk
    /// (<see cref="Farms.RouterPort.Trunk"/>), keeping those that exist; null when no port is on a trunk.
    /// </summary>
    public string? VlanLinks { get; init; }

    public const string VlanLinksFile = "vlan-links.sh";

    public const string NftablesFile = "nftables.conf";
    public const string AddressesFile = "addresses.ip";
    public const string SysctlFile = "sysctl.conf";
    public const string RadvdFile = "radvd.conf";

    /// <summary>File name → content, for writing them out.</summary>
    public IReadOnlyDictionary<string, string> ToFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NftablesFile] = Nftables,
            [AddressesFile] = Addresses,
            [SysctlFile] = Sysctl,
        };
        if (Radvd is not null)
            files[RadvdFile] = Radvd;
        if (VlanLinks is not null)
            files[VlanLinksFile] = VlanLinks;
        return files;
    }
}
