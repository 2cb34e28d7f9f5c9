using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>A row of boot_events: a step and the boot it belongs to (the unix ms time of that boot's first step).</summary>
public sealed record StoredBootEvent(long BootStart, BootEventReport Event);
