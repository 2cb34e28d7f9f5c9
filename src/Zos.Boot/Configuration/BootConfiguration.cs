using Zos.Core.Primitives;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Configuration;

/// <summary>Everything the boot server knows about the farm it boots: a validated, immutable snapshot.</summary>
public sealed record BootConfiguration
{
    public required uint FarmId { get; init; }

    public required IpxeBootProfile Profile { get; init; }

    public IReadOnlyList<BootNode> Nodes { get; init; } = [];

    public UnknownMacPolicy UnknownMacs { get; init; } = UnknownMacPolicy.Ignore;

    /// <summary>The LAN served by DHCP in full mode; null when the farm's own DHCP hands out addresses.</summary>
    public BootDhcpSubnet? Dhcp { get; init; }

    /// <summary>
    /// Arguments the boot server adds to every node's command line, each unless the farm's or node's arguments
    /// already name it: <c>zos-registry=</c> when the server knows the registry, the node image's own defaults.
    /// </summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = [];

    public BootNode? Find(MacAddress mac) => Nodes.FirstOrDefault(n => n.Mac == mac);

    /// <summary>
    /// What <paramref name="mac"/> boots, or null when the policy says to ignore it.
    /// <paramref name="localKernelBase"/> is the URL under which the kernel directory is served to this client.
    /// </summary>
    public IpxeBootTarget? TargetFor(MacAddress mac, string localKernelBase)
    {
        var node = Find(mac);
        if (node is null && UnknownMacs == UnknownMacPolicy.Ignore)
            return null;
        return new IpxeBootTarget
        {
            KernelUrl = IpxeBootProfile.UrlOf(Profile.Kernel, localKernelBase),
            InitrdUrl = Profile.Initrd is { } initrd ? IpxeBootProfile.UrlOf(initrd, localKernelBase) : null,
            Runmode = Profile.Runmode,
            FarmId = node is null ? null : FarmId,
            ExtraArguments = ZosKernelCommandLine.AddMissing([.. Profile.Args, .. node?.Args ?? []], ServerArguments),
            Retries = Profile.Retries,
            FailureDelaySeconds = Profile.FailureDelaySeconds,
        };
    }
}
