namespace Zos.Cli.Output;

/// <summary>`zos version --json`.</summary>
internal sealed record VersionJson(string Version);
