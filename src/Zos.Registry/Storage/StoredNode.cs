using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// A node row. <see cref="Version"/> guards the document (optimistic concurrency); <see cref="DesiredVersion"/> is
/// the version of the node's desired state and moves whenever anything it is computed from changes.
/// Times are unix milliseconds.
/// </summary>
public sealed record StoredNode(
    string Id,
    uint? FarmId,
    NodeDocument Document,
    long Version,
    long DesiredVersion,
    long FirstSeen,
    long LastSeen,
    long UptimeSeconds,
    NodeHealth? Health,
    NodeReport? Report);
