using System.Diagnostics.CodeAnalysis;

namespace Zos.Core.Cmdline;

/// <summary>Spellings of <see cref="RunMode"/>: dev|qa|test|prod, plus the bootstrap binary's long forms development|testing|production.</summary>
public static class RunModes
{
    public static bool TryParse([NotNullWhen(true)] string? text, out RunMode mode)
    {
        mode = RunMode.Prod;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "dev" or "development":
                mode = RunMode.Dev;
                return true;
            case "qa":
                mode = RunMode.Qa;
                return true;
            case "test" or "testing":
                mode = RunMode.Test;
                return true;
            case "prod" or "production":
                mode = RunMode.Prod;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The short spelling used on kernel command lines.</summary>
    public static string ToText(RunMode mode) => mode switch
    {
        RunMode.Dev => "dev",
        RunMode.Qa => "qa",
        RunMode.Test => "test",
        _ => "prod",
    };
}
