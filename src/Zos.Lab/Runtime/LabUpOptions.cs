namespace Zos.Lab.Runtime;

/// <summary>Settings of `zos lab up`.</summary>
public sealed record LabUpOptions
{
    public int RegistryPort { get; init; } = 8480;

    /// <summary>How long to wait for every node to register before reporting the stragglers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Seconds between node heartbeats (the registry marks a node down after three missed ones).</summary>
    public int HeartbeatSeconds { get; init; } = 5;

    /// <summary>
    /// How long after the node daemons the boot servers start (a boot server that comes back late after a power
    /// cut): the nodes find no DHCP offer on their management NICs and keep retrying until it answers.
    /// </summary>
    public TimeSpan BootDelay { get; init; } = TimeSpan.Zero;

    /// <summary>After every node registered: a user network across them, a workload per node, pings, a laptop (<see cref="LabDemo"/>).</summary>
    public bool Demo { get; init; }

    /// <summary>The node image VMs boot (zos-node.vmlinuz, zos-node.initramfs, manifest.json): `zos image build -o DIR`.</summary>
    public string ImageDirectory { get; init; } = DefaultImageDirectory;

    public const string DefaultImageDirectory = "/var/lib/zos/image";
}
