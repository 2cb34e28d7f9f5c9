using Zos.Core.Validation;

namespace Zos.Cli.Output;

/// <summary>One problem of a checked file, for --json: its severity, where (path and line) and what.</summary>
internal sealed record ProblemJson(string Severity, string Path, int? Line, string Message)
{
    public static ProblemJson From(ValidationError problem) =>
        new(problem.IsError ? "error" : "warning", problem.Path, problem.Line, problem.Message);
}
