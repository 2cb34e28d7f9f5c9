using Zos.Core.Validation;

namespace Zos.Core.Cmdline;

/// <summary>The parameters read from a command line and every problem found; bad values are left at their defaults.</summary>
public sealed record BootParametersResult(BootParameters Parameters, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>True when no problem is an error (warnings allowed).</summary>
    public bool Success => Errors.All(e => !e.IsError);
}
