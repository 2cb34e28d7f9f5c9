namespace Zos.Cli;

/// <summary>
/// Process exit codes shared by every verb, so a script can tell "fix your command line" from "fix your data" from
/// "try again later". docs/cli.md and the epilogue of `zos --help` list them from <see cref="All"/>.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input was read and checked and has errors (a farm file with errors, values the registry refused).</summary>
    public const int Invalid = 1;

    /// <summary>The command line cannot be parsed or is inconsistent, or a file it names cannot be read: the message names the parameter or file.</summary>
    public const int Usage = 2;

    /// <summary>Something on this machine failed (a tool missing, the kernel or the file system refused).</summary>
    public const int Failed = 3;

    /// <summary>A server could not be reached: the registry, PostgreSQL, or a listening port that is taken.</summary>
    public const int Unreachable = 4;

    /// <summary>What the command names does not exist (a farm, node or network id the registry does not know, no running lab).</summary>
    public const int NotFound = 5;

    /// <summary>The registry refused because of the current state (a name taken, a farm that still has nodes).</summary>
    public const int Conflict = 6;

    /// <summary>The registry refused your key: not signed, not yours, or not allowed.</summary>
    public const int Denied = 7;

    /// <summary>The result does not exist yet (e.g. the network's mesh is not ready): nothing was printed, run the same command later.</summary>
    public const int NotReady = 8;

    /// <summary>A fault in zos itself: the message says what happened; ZOS_DEBUG=1 adds the details for a bug report.</summary>
    public const int Internal = 9;

    /// <summary>A command cut short by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); the servers stop cleanly and exit 0.</summary>
    public const int Interrupted = 130;

    /// <summary>Every code with its name and meaning, in order: the one list the help and the documentation show.</summary>
    public static IReadOnlyList<(int Code, string Name, string Meaning)> All { get; } =
    [
        (Ok, "ok", "success"),
        (Invalid, "invalid", "the input was checked and has errors (farm file, values the registry refused)"),
        (Usage, "usage", "the command line cannot be parsed or is inconsistent, or a file it names cannot be read"),
        (Failed, "failed", "something on this machine failed (a tool missing, the kernel or file system refused)"),
        (Unreachable, "unreachable", "the registry or PostgreSQL cannot be reached, or a port to listen on is taken"),
        (NotFound, "not-found", "the farm, node, network or lab named does not exist"),
        (Conflict, "conflict", "refused because of the current state (name taken, farm not empty)"),
        (Denied, "denied", "the registry refused your key (not signed, not yours, not allowed)"),
        (NotReady, "not-ready", "the result does not exist yet; nothing was printed, run the command again later"),
        (Internal, "internal", "a fault in zos itself; ZOS_DEBUG=1 prints the details for a bug report"),
        (Interrupted, "interrupted", "cut short by Ctrl-C or SIGTERM (the servers stop cleanly and exit 0)"),
    ];
}
