namespace Zos.Core.Contracts;

/// <summary>Software versions a node runs (zos daemon, kernel).</summary>
public sealed record NodeVersions(string Zos, string? Kernel);
