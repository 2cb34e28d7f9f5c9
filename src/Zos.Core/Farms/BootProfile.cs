using Zos.Core.Cmdline;

namespace Zos.Core.Farms;

/// <summary>What every node of the farm boots with: run mode, extra kernel arguments and the registry to join.</summary>
public sealed record BootProfile
{
    public RunMode? RunMode { get; init; }

    public string? KernelArgs { get; init; }

    public Uri? Registry { get; init; }
}
