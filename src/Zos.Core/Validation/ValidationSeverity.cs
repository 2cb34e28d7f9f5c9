namespace Zos.Core.Validation;

/// <summary>An error makes the input unusable; a warning is advice (e.g. a /64 where a /48 is advised).</summary>
public enum ValidationSeverity
{
    Error,
    Warning,
}
