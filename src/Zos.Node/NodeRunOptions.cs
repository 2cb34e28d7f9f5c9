namespace Zos.Node;

/// <summary>
/// The inputs of <c>zos node run</c> / <c>zos-node run</c>. <see cref="VolatileState"/>: the state directory lives in
/// memory (the image's init found no ZOS-STATE disk), so the identity created in it is lost at the next boot.
/// </summary>
public sealed record NodeRunOptions(string CmdlinePath, string? ConfigPath, string StateDirectory, bool VolatileState = false)
{
    public const string DefaultCmdline = "/proc/cmdline";

    /// <summary>
    /// Test fault injection: SIGKILL the daemon before its Nth kernel operation (<see cref="Network.KillBeforeOperation"/>).
    /// Null on every real node: only <c>run --test-kill-before-operation N</c> sets it, and <see cref="FaultInjectionProblem"/>
    /// refuses it unless the daemon is a test node (one that reads its command line from a file).
    /// </summary>
    public int? KillBeforeOperation { get; init; }

    /// <summary>Why the fault asked for cannot be honoured (naming the option and value), or null.</summary>
    public string? FaultInjectionProblem => KillBeforeOperation switch
    {
        null => null,
        < 1 and var n => $"{Network.KillBeforeOperation.Option}: {n} is not an operation number (1 or more)",
        _ when ManagesMachine => $"{Network.KillBeforeOperation.Option}: only a test node that reads --cmdline from a file takes it, not a node running the machine ({DefaultCmdline})",
        _ => null,
    };
    public const string DefaultState = "/var/lib/zos";

    public string StatusFile => StatusFileIn(StateDirectory);

    public string IdentityFile => Path.Combine(StateDirectory, "identity.seed");

    /// <summary>
    /// True when the command line is the kernel's own (<see cref="DefaultCmdline"/>): the daemon runs the machine it is
    /// on (the node image), so machine-wide settings such as /etc/resolv.conf are its to set. A lab or test node reads
    /// a file (--cmdline) and shares its host's /etc.
    /// </summary>
    public bool ManagesMachine => CmdlinePath == DefaultCmdline;

    /// <summary>The status file the daemon keeps in <paramref name="stateDirectory"/>.</summary>
    public static string StatusFileIn(string stateDirectory) => Path.Combine(stateDirectory, "status.json");
}
