using Zos.Core.Contracts;
using Zos.Core.Validation;

namespace Zos.Core.Public;

/// <summary>
/// Decides what to do with the <c>public</c> namespace given what was applied, the desired config and whether the
/// namespace exists: a config is validated before anything changes (zos#1813) and a refused one leaves the
/// previous working state in place; an unchanged config whose namespace exists costs nothing; a namespace that went
/// missing is rebuilt; a config refused because its gateway did not answer is probed again only after
/// <paramref name="retryRefusedAfter"/>, so a pass does not spend seconds of pings every time. Pure.
/// </summary>
public static class PublicConfigPlanner
{
    public static PublicConfigAction Decide(PublicConfigState state, PublicConfig? desired, bool namespaceExists,
        PublicAddressOptions rules, DateTimeOffset now, TimeSpan retryRefusedAfter)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (desired is null)
            return state.Applied is not null || namespaceExists ? new PublicConfigAction(PublicConfigActionKind.Remove) : PublicConfigAction.Nothing;
        PublicSetup setup;
        try
        {
            setup = PublicSetup.From(desired, rules);
        }
        catch (ArgumentException e)
        {
            return new PublicConfigAction(PublicConfigActionKind.Refuse, Error: e.Message[..MessageEnd(e)]);
        }
        if (desired.Equals(state.Applied) && namespaceExists)
            return PublicConfigAction.Nothing;
        if (desired.Equals(state.Refused) && state.RefusedAt is { } at && now - at < retryRefusedAfter)
            return new PublicConfigAction(PublicConfigActionKind.KeepRefused, setup, state.RefusedError);
        return new PublicConfigAction(PublicConfigActionKind.Apply, setup);
    }

    /// <summary>The message without the " (Parameter 'config')" suffix ArgumentException appends.</summary>
    private static int MessageEnd(ArgumentException e) =>
        e.ParamName is { } p && e.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal)
            ? e.Message.Length - $" (Parameter '{p}')".Length
            : e.Message.Length;
}
