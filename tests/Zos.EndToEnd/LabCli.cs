using System.Globalization;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>Runs the real CLI (zos.dll) for one lab: its own state directory and registry port.</summary>
internal sealed class LabCli(string labDirectory, int port)
{
    public string LabDirectory => labDirectory;

    public int Port => port;

    public Uri Cockpit => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public string PortText => port.ToString(CultureInfo.InvariantCulture);

    public ShResult Run(params string[] args) => Run(TimeSpan.FromMinutes(5), args);

    /// <summary>The CLI with a hard time limit (VM labs under TCG take minutes).</summary>
    public ShResult Run(TimeSpan timeout, params string[] args)
    {
        var env = new Dictionary<string, string> { ["ZOS_LAB_DIR"] = labDirectory, ["ZOS_HOME"] = Repository.Root };
        var script = string.Join(' ', env.Select(kv => $"{kv.Key}='{kv.Value}'")) + $" dotnet '{Repository.ZosDll}' " + string.Join(' ', args.Select(a => $"'{a}'"));
        return Sh.Run("bash", ["-c", script], timeout);
    }

    /// <summary>`zos lab down`, asserted to succeed, then the lab directory is gone.</summary>
    public void Down()
    {
        var down = Run("lab", "down");
        if (down.ExitCode != 0)
            throw new InvalidOperationException($"lab down failed ({down.ExitCode}): {down.StdOut}\n{down.StdErr}");
    }
}
