namespace Zos.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The input was checked and has errors (e.g. `farm check` found problems).</summary>
    public const int Invalid = 1;
    /// <summary>Bad usage or unreadable input: the message names the parameter or file.</summary>
    public const int Usage = 2;
    /// <summary>Something outside failed (registry unreachable, kernel refused).</summary>
    public const int Failed = 3;
}
