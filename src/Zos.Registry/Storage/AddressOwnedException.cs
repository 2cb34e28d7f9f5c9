using System.Net;

namespace Zos.Registry.Storage;

/// <summary>
/// A farm's public network overlaps one another farm holds (<c>farm_networks</c>: each network belongs to one farm in
/// the whole registry). Carries only the other farm's id and network, which the API may show.
/// </summary>
public sealed class AddressOwnedException(IPNetwork network, IPNetwork ownedNetwork, uint ownerFarmId)
    : Exception(network.Equals(ownedNetwork)
        ? $"{network} belongs to farm {ownerFarmId}"
        : $"{network} overlaps {ownedNetwork}, which belongs to farm {ownerFarmId}")
{
    public IPNetwork Network { get; } = network;

    public IPNetwork OwnedNetwork { get; } = ownedNetwork;

    public uint OwnerFarmId { get; } = ownerFarmId;
}
