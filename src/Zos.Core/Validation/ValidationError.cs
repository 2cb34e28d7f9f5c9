namespace Zos.Core.Validation;

/// <summary>
/// One problem found in an input, with the path to the field (e.g. "nodes[2].mac") so every problem of a
/// document can be reported at once and located. Validators return all of them instead of throwing on the first.
/// </summary>
public sealed record ValidationError(string Path, string Message, ValidationSeverity Severity = ValidationSeverity.Error)
{
    public bool IsError => Severity == ValidationSeverity.Error;

    public override string ToString() => $"{(IsError ? "error" : "warning")}: {Path}: {Message}";
}
