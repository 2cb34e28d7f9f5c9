using System.Diagnostics.CodeAnalysis;

namespace Zos.Core.Cmdline;

/// <summary>
/// Spellings of <see cref="RunMode"/>: dev|qa|test|prod, plus the bootstrap binary's long forms development|testing|production;
/// and the registry each grid runs, for a node whose command line names none (<see cref="DefaultRegistry"/>).
/// </summary>
public static class RunModes
{
    /// <summary>The domain every default registry lives under: one name per grid, so a grid moves by DNS, not by reflashing nodes.</summary>
    public const string RegistryDomain = "zos.network";

    /// <summary>
    /// The registry of a grid, used when the kernel command line has no (valid) <c>zos-registry=</c>: a node booted with
    /// <c>farmer_id</c> and <c>runmode</c> alone (a stick written by hand, a boot server that does not add it) still
    /// finds its grid instead of waiting forever. The boot server and the boot media always add <c>zos-registry=</c>.
    /// <list type="table">
    /// <listheader><term>runmode</term><description>registry</description></listheader>
    /// <item><term>dev</term><description>https://registry.dev.zos.network/</description></item>
    /// <item><term>qa</term><description>https://registry.qa.zos.network/</description></item>
    /// <item><term>test</term><description>https://registry.test.zos.network/</description></item>
    /// <item><term>prod (also when runmode= is absent)</term><description>https://registry.zos.network/</description></item>
    /// </list>
    /// </summary>
    public static Uri DefaultRegistry(RunMode mode) => mode switch
    {
        RunMode.Dev => new Uri($"https://registry.dev.{RegistryDomain}/"),
        RunMode.Qa => new Uri($"https://registry.qa.{RegistryDomain}/"),
        RunMode.Test => new Uri($"https://registry.test.{RegistryDomain}/"),
        _ => new Uri($"https://registry.{RegistryDomain}/"),
    };

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
