namespace Zos.Cli.Output;

/// <summary>`zos farm check --json`: the verdict and every problem.</summary>
internal sealed record FarmCheckJson(string File, string Farm, bool Ok, int Errors, int Warnings, IReadOnlyList<ProblemJson> Problems);
