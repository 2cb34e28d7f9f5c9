using Zos.Core.Contracts;

namespace Zos.Registry.Boot;

/// <summary>One boot of a MAC: when its first step happened and every step, oldest first (from DHCP to "registered").</summary>
public sealed record BootRun(DateTimeOffset Started, IReadOnlyList<BootEventReport> Steps);
