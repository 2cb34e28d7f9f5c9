namespace Zos.Cli.Output;

/// <summary>`zos farm router-config --check --json`: whether the running router has everything the farm file asks, and what it lacks.</summary>
internal sealed record RouterCheckJson(string Farm, bool Complete, IReadOnlyList<string> Missing);
