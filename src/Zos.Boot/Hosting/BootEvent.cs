namespace Zos.Boot.Hosting;

/// <summary>One observed boot step: when, which node (MAC when known) from which address, and a detail.</summary>
public sealed record BootEvent(DateTimeOffset Time, BootStep Step, string? Mac, string? Client, string Detail);
