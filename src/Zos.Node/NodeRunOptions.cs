namespace Zos.Node;

/// <summary>
/// The inputs of <c>zos node run</c> / <c>zos-node run</c>. <see cref="VolatileState"/>: the state directory lives in
/// memory (the image's init found no ZOS-STATE disk), so the identity created in it is lost at the next boot.
/// </summary>
public sealed record NodeRunOptions(string CmdlinePath, string? ConfigPath, string StateDirectory, bool VolatileState = false)
{
    public const string DefaultCmdline = "/proc/cmdline";
    public const string DefaultState = "/var/lib/zos";

    public string StatusFile => StatusFileIn(StateDirectory);

    public string IdentityFile => Path.Combine(StateDirectory, "identity.seed");

    /// <summary>The status file the daemon keeps in <paramref name="stateDirectory"/>.</summary>
    public static string StatusFileIn(string stateDirectory) => Path.Combine(stateDirectory, "status.json");
}
