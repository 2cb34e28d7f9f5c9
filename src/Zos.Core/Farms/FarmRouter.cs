namespace Zos.Core.Farms;

/// <summary>The farm router: NAT for the management network, routes for the public subnet and IPv6 prefix, RAs.</summary>
public sealed record FarmRouter
{
    public string Name { get; init; } = "router";

    public IReadOnlyList<RouterPort> Ports { get; init; } = [];

    /// <summary>Masquerade the management network toward the Internet (the OOB network is private).</summary>
    public bool Nat { get; init; } = true;

    /// <summary>Send IPv6 router advertisements for the public prefix on the public segment.</summary>
    public bool RouterAdvertisements { get; init; } = true;
}
