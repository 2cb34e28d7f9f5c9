namespace Zos.Boot.Configuration;

/// <summary>
/// The boot configuration file as written (YAML, or JSON which YAML reads too), with every scalar kept as text so
/// validation can quote what the operator wrote. Example:
/// <code>
/// farmId: 42
/// profile: { runmode: test, kernel: zos-node.vmlinuz, initrd: zos-node.initramfs, args: [console=ttyS0] }
/// registry: http://10.98.0.1:8081   # optional: nodes get zos-registry= with it
/// farmToken: zft_...         # optional: nodes get zos-farm-token= (zos farm token create); --farm-token-file wins
/// unknownMacs: ignore        # or orphan
/// dhcp: { subnet: 10.98.0.0/24, poolStart: 10.98.0.100, poolEnd: 10.98.0.199, router: 10.98.0.1, dns: [10.98.0.1] }
/// nodes:
///   - { mac: "52:54:00:12:34:56", args: [vlan:priv=10], managementIp: 10.10.0.11 }
/// </code>
/// </summary>
internal sealed class BootConfigurationDocument
{
    public string? FarmId { get; set; }

    public ProfileDocument? Profile { get; set; }

    public string? UnknownMacs { get; set; }

    public string? Registry { get; set; }

    public string? FarmToken { get; set; }

    public List<NodeDocument>? Nodes { get; set; }

    public DhcpDocument? Dhcp { get; set; }

    internal sealed class DhcpDocument
    {
        public string? Subnet { get; set; }

        public string? PoolStart { get; set; }

        public string? PoolEnd { get; set; }

        public string? Router { get; set; }

        public List<string>? Dns { get; set; }

        public string? Domain { get; set; }

        public string? LeaseSeconds { get; set; }
    }

    internal sealed class ProfileDocument
    {
        public string? Runmode { get; set; }

        public string? Kernel { get; set; }

        public string? Initrd { get; set; }

        public List<string>? Args { get; set; }

        public string? Retries { get; set; }

        public string? FailureDelaySeconds { get; set; }
    }

    internal sealed class NodeDocument
    {
        public string? Mac { get; set; }

        public string? Name { get; set; }

        public List<string>? Args { get; set; }

        public string? ManagementIp { get; set; }
    }
}
