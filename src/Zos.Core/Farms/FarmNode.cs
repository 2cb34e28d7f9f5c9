using System.Net;
using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>A node of the farm: its NICs (by MAC), boot arguments, management address reservation and public config.</summary>
public sealed record FarmNode
{
    public string Name { get; init; } = "";

    public IReadOnlyList<FarmNic> Nics { get; init; } = [];

    /// <summary>The node's fixed address on the management network (a DHCP reservation on its management NIC's MAC).</summary>
    public IPAddress? ManagementAddress { get; init; }

    /// <summary>Extra kernel arguments for this node, appended to the farm's boot profile.</summary>
    public string? BootArgs { get; init; }

    /// <summary>The node's public config (public namespace addresses), as written; validated by <see cref="FarmChecker"/>.</summary>
    public PublicConfigInput? PublicConfig { get; init; }

    /// <summary>Nodes with two or more NICs in use keep management and public traffic apart.</summary>
    public bool IsMultiNic => Nics.Count(n => n.Role != NicRole.Unused) >= 2;

    /// <summary>The NIC that boots and carries zos: the one marked management, else the only NIC.</summary>
    public FarmNic? ManagementNic =>
        Nics.FirstOrDefault(n => n.Role == NicRole.Management) ?? (Nics.Count == 1 ? Nics[0] : null);

    /// <summary>The NIC enslaved to br-pub on a dual-NIC node.</summary>
    public FarmNic? PublicNic => Nics.FirstOrDefault(n => n.Role == NicRole.Public);
}
