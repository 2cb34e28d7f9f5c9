namespace Zos.Core.Validation;

/// <summary>
/// One problem found in an input, with the path to the field (e.g. "nodes[2].mac") so every problem of a
/// document can be reported at once and located. Validators return all of them instead of throwing on the first.
/// <see cref="Line"/> is set when the input was a text file and the field's line is known.
/// </summary>
public sealed record ValidationError(string Path, string Message, ValidationSeverity Severity = ValidationSeverity.Error)
{
    public bool IsError => Severity == ValidationSeverity.Error;

    /// <summary>1-based line of the field in the source text, when known.</summary>
    public int? Line { get; init; }

    public override string ToString() =>
        $"{(IsError ? "error" : "warning")}: {Path}{(Line is { } line ? $" (line {line})" : "")}: {Message}";
}
