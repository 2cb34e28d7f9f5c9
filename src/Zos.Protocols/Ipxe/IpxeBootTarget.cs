using Zos.Core.Validation;

namespace Zos.Protocols.Ipxe;

/// <summary>
/// What a node boots: the kernel URL (and, for the Zos node image, its initramfs URL) and the kernel command line
/// parts (boot-and-registry.md §1.3): runmode, farm id (absent for an orphan node), per-node extra arguments such as
/// <c>vlan:priv=</c>; and how the script behaves on failure.
/// </summary>
public sealed record IpxeBootTarget
{
    /// <summary>The name <c>initrd=</c> uses when the initramfs URL ends in no usable file name.</summary>
    public const string FallbackInitrdName = "initrd";

    public required string KernelUrl { get; init; }

    /// <summary>
    /// The initramfs fetched beside the kernel (the Zos node image); null for a kernel with its initramfs built in
    /// (the upstream Zero-OS kernel, boot-and-registry.md §1.1).
    /// </summary>
    public string? InitrdUrl { get; init; }

    public required string Runmode { get; init; }

    /// <summary>The farm; null boots the node as an orphan (no <c>farmer_id</c>, ZOS then refuses to provision).</summary>
    public uint? FarmId { get; init; }

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Rounds over all NICs, and kernel download attempts, before giving up (the ZOS script uses 3).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Seconds shown and slept before <c>reboot</c> on failure (the ZOS script uses 20).</summary>
    public int FailureDelaySeconds { get; init; } = 20;

    /// <summary>
    /// <c>nomodeset version=v3 runmode=... panic=7200 [farmer_id=...] extra...</c>, in the order bootstrap.grid.tf
    /// writes it (its <c>ipxe_script()</c>).
    /// </summary>
    public string CommandLine => string.Join(' ', ZosKernelCommandLine.Compose(Runmode, FarmId, ExtraArguments));

    /// <summary>
    /// The image name iPXE gives the initramfs: the last segment of its URL when that is a plain file name, else
    /// <see cref="FallbackInitrdName"/>. A kernel started through its EFI stub loads only the initrd the command line
    /// names with <c>initrd=</c> (Documentation/admin-guide/efi-stub.rst), so script and command line must agree.
    /// </summary>
    public string? InitrdName
    {
        get
        {
            if (InitrdUrl is null)
                return null;
            if (!Uri.TryCreate(InitrdUrl, UriKind.Absolute, out var uri))
                return FallbackInitrdName;
            var name = uri.Segments.Length == 0 ? "" : uri.Segments[^1];
            return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? name : FallbackInitrdName;
        }
    }

    public IReadOnlyList<ValidationError> Validate(string path = "")
    {
        var errors = new List<ValidationError>();
        var prefix = path.Length == 0 ? "" : path + ".";
        if (IpxeSafeText.UrlProblem(KernelUrl) is { } url)
            errors.Add(new ValidationError($"{prefix}kernelUrl", url));
        if (InitrdUrl is not null && IpxeSafeText.UrlProblem(InitrdUrl) is { } initrd)
            errors.Add(new ValidationError($"{prefix}initrdUrl", initrd));
        if (!ZosRunmode.IsKnown(Runmode))
            errors.Add(new ValidationError($"{prefix}runmode", $"unknown runmode '{Runmode}' (expected one of {string.Join(", ", ZosRunmode.All)})"));
        if (FarmId == 0)
            errors.Add(new ValidationError($"{prefix}farmId", "farm id 0 is not a farm (farm ids are positive integers)"));
        for (var i = 0; i < ExtraArguments.Count; i++)
        {
            if (IpxeSafeText.ArgumentProblem(ExtraArguments[i]) is { } arg)
                errors.Add(new ValidationError($"{prefix}args[{i}]", arg));
        }
        if (Retries is < 1 or > 100)
            errors.Add(new ValidationError($"{prefix}retries", $"retries {Retries} is outside 1..100"));
        if (FailureDelaySeconds is < 0 or > 3600)
            errors.Add(new ValidationError($"{prefix}failureDelaySeconds", $"failure delay {FailureDelaySeconds} s is outside 0..3600"));
        return errors;
    }
}
