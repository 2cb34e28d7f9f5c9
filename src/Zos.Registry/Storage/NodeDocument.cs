using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// What a node row keeps as JSON: the registration and the farmer's public config. A field added here needs no
/// migration in either store: rows written before it lack the key and read back as the parameter's default.
/// </summary>
public sealed record NodeDocument(
    IReadOnlyList<InterfaceInfo> Interfaces,
    NodeCapacity Capacity,
    NodeVersions Versions,
    string? ManagementNic,
    PublicConfig? PublicConfig,
    bool IdentityVolatile = false);
