namespace Zos.Node;

/// <summary>The inputs of <c>zos node run</c>.</summary>
public sealed record NodeRunOptions(string CmdlinePath, string? ConfigPath, string StateDirectory)
{
    public const string DefaultCmdline = "/proc/cmdline";
    public const string DefaultState = "/var/lib/zos";

    public string StatusFile => Path.Combine(StateDirectory, "status.json");

    public string IdentityFile => Path.Combine(StateDirectory, "identity.seed");
}
