using Zos.Core.Cmdline;

namespace Zos.Core.Farms;

/// <summary>The farm file's <c>boot:</c> section: what every node of the farm boots with (run mode, extra kernel arguments and the registry to join).</summary>
public sealed record FarmBootDefinition
{
    public RunMode? RunMode { get; init; }

    public string? KernelArgs { get; init; }

    public Uri? Registry { get; init; }
}
