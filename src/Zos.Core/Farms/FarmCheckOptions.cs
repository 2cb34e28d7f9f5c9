using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>Options of <see cref="FarmChecker"/>.</summary>
public sealed record FarmCheckOptions
{
    /// <summary>Rules for the farm's public addresses; <see cref="PublicAddressOptions.Strict"/> by default (documentation ranges rejected).</summary>
    public PublicAddressOptions PublicAddresses { get; init; } = PublicAddressOptions.Strict;

    public static FarmCheckOptions Strict { get; } = new();

    /// <summary>Documentation ranges accepted with a warning (example farms, the lab) and IPv6-only public configs allowed.</summary>
    public static FarmCheckOptions AllowDocumentationRanges { get; } = new() { PublicAddresses = PublicAddressOptions.Lab };
}
