using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>What a node row keeps as JSON: the registration and the farmer's public config.</summary>
public sealed record NodeDocument(
    IReadOnlyList<InterfaceInfo> Interfaces,
    NodeCapacity Capacity,
    NodeVersions Versions,
    string? ManagementNic,
    PublicConfig? PublicConfig);
