namespace Zos.Core.Public;

/// <summary>The decision of <see cref="PublicConfigPlanner"/>: the setup to apply, or the error that refuses the config.</summary>
public sealed record PublicConfigAction(PublicConfigActionKind Kind, PublicSetup? Setup = null, string? Error = null)
{
    public static PublicConfigAction Nothing { get; } = new(PublicConfigActionKind.None);
}
