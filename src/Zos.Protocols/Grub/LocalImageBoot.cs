using Zos.Core.Validation;
using Zos.Protocols.Ipxe;

namespace Zos.Protocols.Grub;

/// <summary>
/// A kernel and initramfs carried on the boot medium itself (the Zos node image written by
/// <c>zos boot media --image</c>), with the node's command line: the loader on the medium (GRUB, syslinux) boots them
/// without any network, so a farm without a boot server works.
/// </summary>
public sealed record LocalImageBoot
{
    /// <summary>Absolute path of the kernel in the medium's filesystem, e.g. <c>/zos-node.vmlinuz</c>.</summary>
    public required string KernelPath { get; init; }

    /// <summary>Absolute path of the initramfs in the medium's filesystem.</summary>
    public required string InitrdPath { get; init; }

    public required string Runmode { get; init; }

    public required uint FarmId { get; init; }

    /// <summary>After <c>farmer_id</c>: the farm's arguments, <c>zos-registry=</c>, the console.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Seconds shown and slept before <c>reboot</c> when the kernel cannot be loaded.</summary>
    public int FailureDelaySeconds { get; init; } = 20;

    public string CommandLine => string.Join(' ', ZosKernelCommandLine.Compose(Runmode, FarmId, ExtraArguments));

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        foreach (var (path, value) in new[] { ("kernelPath", KernelPath), ("initrdPath", InitrdPath) })
        {
            if (PathProblem(value) is { } problem)
                errors.Add(new ValidationError(path, problem));
        }
        if (!ZosRunmode.IsKnown(Runmode))
            errors.Add(new ValidationError("runmode", $"unknown runmode '{Runmode}' (expected one of {string.Join(", ", ZosRunmode.All)})"));
        if (FarmId == 0)
            errors.Add(new ValidationError("farmId", "farm id 0 is not a farm (farm ids are positive integers)"));
        for (var i = 0; i < ExtraArguments.Count; i++)
        {
            if (IpxeSafeText.ArgumentProblem(ExtraArguments[i]) is { } arg)
                errors.Add(new ValidationError($"args[{i}]", arg));
        }
        if (FailureDelaySeconds is < 0 or > 3600)
            errors.Add(new ValidationError("failureDelaySeconds", $"failure delay {FailureDelaySeconds} s is outside 0..3600"));
        return errors;
    }

    /// <summary>Loaders read these paths unquoted (syslinux) or quoted (GRUB): plain absolute names only.</summary>
    private static string? PathProblem(string path) =>
        path.Length > 1 && path[0] == '/' && path.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/') && !path.Contains("..", StringComparison.Ordinal)
            ? null
            : $"'{path}' is not an absolute path of letters, digits, '-', '_', '.' and '/'";
}
