namespace Zos.Core.Farms;

/// <summary>
/// A farm as a farmer describes it (examples/*.yaml): name and id, the management (OOB) network, the public
/// network, the switches and what plugs into them (router, boot server, nodes' NICs), and the boot profile.
/// Read by <see cref="FarmFileParser"/>, checked by <see cref="FarmChecker"/>, and used by the lab and boot server.
/// </summary>
public sealed record FarmDefinition
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 40;

    public string Name { get; init; } = "";

    /// <summary>The registry's farm id (farmer_id on the nodes' command line), once registered.</summary>
    public uint? Id { get; init; }

    public string? Description { get; init; }

    public FarmBootDefinition Boot { get; init; } = new();

    /// <summary>The private network nodes boot on (OOB, or a home LAN); absent on flat farms, whose nodes get DHCP on the public segment.</summary>
    public ManagementNetwork? Management { get; init; }

    /// <summary>Absent when the farm has no public addresses (all nodes hidden behind NAT).</summary>
    public PublicNetwork? Public { get; init; }

    public IReadOnlyList<FarmSwitch> Switches { get; init; } = [];

    public FarmRouter? Router { get; init; }

    public FarmBootServer? BootServer { get; init; }

    public IReadOnlyList<FarmNode> Nodes { get; init; } = [];

    /// <summary>A farm with one switch carrying both networks (port-based VLANs keep them apart).</summary>
    public bool IsSingleSwitch =>
        Management?.Switch is { } m && Public?.Switch is { } p && string.Equals(m, p, StringComparison.Ordinal);
}
