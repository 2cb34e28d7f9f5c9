namespace Zos.Registry.Storage;

/// <summary>A network row.</summary>
public sealed record StoredNetwork(string NetId, long OwnerId, string Name, StoredNetworkDocument Document, long Version);
