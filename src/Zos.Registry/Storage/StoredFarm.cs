using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>A farm row: the farm document and the version optimistic concurrency compares.</summary>
public sealed record StoredFarm(Farm Farm, long Version);
