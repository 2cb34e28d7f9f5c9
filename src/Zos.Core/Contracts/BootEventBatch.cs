namespace Zos.Core.Contracts;

/// <summary>The boot steps a boot server posts at once (<c>POST /api/v1/farms/{id}/boot-events</c>).</summary>
public sealed record BootEventBatch(IReadOnlyList<BootEventReport> Events);
