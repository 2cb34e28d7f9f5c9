using Zos.Core.Contracts;

namespace Zos.Core.Public;

/// <summary>
/// What the node did with public configs so far: the config its <c>public</c> namespace holds, and the last one it
/// refused (with why and when), so a config whose gateway does not answer is not probed again on every pass.
/// </summary>
public sealed record PublicConfigState(PublicConfig? Applied, PublicConfig? Refused = null, string? RefusedError = null, DateTimeOffset? RefusedAt = null)
{
    public static PublicConfigState Empty { get; } = new((PublicConfig?)null);

    /// <summary>After a successful apply (or removal when <paramref name="config"/> is null): nothing refused any more.</summary>
    public static PublicConfigState AppliedNow(PublicConfig? config) => new(config);

    /// <summary>After <paramref name="config"/> was refused at <paramref name="now"/>: what was applied before stays.</summary>
    public PublicConfigState RefusedNow(PublicConfig config, string error, DateTimeOffset now) =>
        this with { Refused = config, RefusedError = error, RefusedAt = now };
}
