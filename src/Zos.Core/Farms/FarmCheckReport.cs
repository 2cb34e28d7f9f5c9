using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>Everything wrong with a farm file: reading problems and rule violations, with paths and lines where known.</summary>
public sealed record FarmCheckReport(FarmDefinition? Farm, IReadOnlyList<ValidationError> Problems)
{
    /// <summary>The text was not YAML/JSON at all.</summary>
    public bool IsUnreadable => Farm is null;

    public bool HasErrors => Problems.Any(p => p.IsError);

    public IEnumerable<ValidationError> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<ValidationError> Warnings => Problems.Where(p => !p.IsError);
}
