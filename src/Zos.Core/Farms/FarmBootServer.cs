using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>The farm's boot server (DHCP with the nodes' reservations, PXE, TFTP, HTTP iPXE scripts) and where it plugs in.</summary>
public sealed record FarmBootServer
{
    public string? Switch { get; init; }

    public int? Vlan { get; init; }

    public InterfaceAddress? Address { get; init; }

    /// <summary>proxy: PXE only, beside an existing DHCP server; full: the farm's DHCP server.</summary>
    public bool ProxyDhcp { get; init; }
}
