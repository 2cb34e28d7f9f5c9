using System.Globalization;

namespace Zos.Protocols.Ipxe;

/// <summary>
/// The kernel command line of a Zero-OS node, as bootstrap.grid.tf's <c>ipxe_script()</c> writes it
/// (boot-and-registry.md §1.3): <c>nomodeset version=v3 runmode=... panic=7200 [farmer_id=...] extra...</c>.
/// Shared by the iPXE scripts, GRUB and syslinux so every way of booting gives the node the same line.
/// </summary>
public static class ZosKernelCommandLine
{
    public static IReadOnlyList<string> Compose(string runmode, uint? farmId, IEnumerable<string> extra)
    {
        var parts = new List<string> { "nomodeset", "version=v3", $"runmode={runmode}", "panic=7200" };
        if (farmId is { } farm)
            parts.Add($"farmer_id={farm.ToString(CultureInfo.InvariantCulture)}");
        parts.AddRange(extra);
        return parts;
    }

    /// <summary>
    /// <paramref name="arguments"/> followed by each of <paramref name="additions"/> whose name (the text before
    /// '=') none of them carries yet: a farm that sets its own <c>zos-registry=</c> or <c>console=</c> keeps it.
    /// </summary>
    public static IReadOnlyList<string> AddMissing(IReadOnlyList<string> arguments, IEnumerable<string> additions)
    {
        var present = arguments.Select(Name).ToHashSet(StringComparer.Ordinal);
        var result = arguments.ToList();
        foreach (var addition in additions)
        {
            if (!present.Contains(Name(addition)))
                result.Add(addition);
        }
        return result;
    }

    /// <summary>The argument's name: <c>console</c> for <c>console=ttyS0</c>, the whole word for a flag.</summary>
    public static string Name(string argument)
    {
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? argument : argument[..eq];
    }
}
