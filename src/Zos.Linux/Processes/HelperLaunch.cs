using System.Diagnostics;

namespace Zos.Linux.Processes;

/// <summary>
/// What to start: a program with its arguments, optionally inside a named network namespace
/// (<c>ip netns exec NS</c>, which execs the program so the PID is the program's) and optionally inside
/// a mount namespace given as a path such as <c>/proc/PID/ns/mnt</c> (<c>nsenter --mount=PATH</c>, which execs too).
/// Arguments are passed as a vector, never through a shell.
/// </summary>
/// <param name="Program">The program name (looked up on PATH) or an absolute path.</param>
/// <param name="Arguments">Arguments, each passed as one argv element.</param>
/// <param name="NetworkNamespace">A named namespace under /run/netns, or null for the caller's namespace.</param>
/// <param name="MountNamespace">A mount-namespace file to enter first, or null.</param>
public sealed record HelperLaunch(
    string Program,
    IReadOnlyList<string> Arguments,
    string? NetworkNamespace = null,
    string? MountNamespace = null)
{
    /// <summary>Extra environment variables for the program.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The directory the program starts in, or null for the caller's (apt-get download writes there).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Human-readable "program in namespace X" used in every error message.</summary>
    public string Description =>
        NetworkNamespace is null ? $"'{Program}' in the current network namespace" : $"'{Program}' in network namespace '{NetworkNamespace}'";

    /// <summary>Builds the start info: nsenter / ip netns exec wrappers, then the program and its arguments.</summary>
    internal ProcessStartInfo ToStartInfo(bool redirectStdin)
    {
        Validate();
        var argv = new List<string>();
        if (MountNamespace is not null)
            argv.AddRange(["nsenter", $"--mount={MountNamespace}", "--"]);
        if (NetworkNamespace is not null)
            argv.AddRange(["ip", "netns", "exec", NetworkNamespace]);
        argv.Add(Program);
        argv.AddRange(Arguments);

        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? "",
        };
        foreach (var a in argv.Skip(1))
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment)
            psi.Environment[k] = v;
        return psi;
    }

    /// <summary>Checks the program exists and the namespace looks valid, so a failure names what is missing.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Program))
            throw new HelperProcessException($"cannot start a helper: the program name is empty");
        if (NetworkNamespace is not null)
        {
            if (NetworkNamespace.Length == 0 || NetworkNamespace.Contains('/', StringComparison.Ordinal) || NetworkNamespace is "." or "..")
                throw new HelperProcessException($"cannot start {Description}: invalid namespace name '{NetworkNamespace}'");
            // In a foreign mount namespace /run/netns may differ from ours, so only check it in our own.
            if (MountNamespace is null && !File.Exists(Path.Combine("/run/netns", NetworkNamespace)))
                throw new HelperProcessException($"cannot start {Description}: the namespace does not exist (/run/netns/{NetworkNamespace})");
        }
        if (MountNamespace is not null && !File.Exists(MountNamespace))
            throw new HelperProcessException($"cannot start {Description}: mount namespace '{MountNamespace}' does not exist");
        if (MountNamespace is null && ExecutableLookup.Find(Program) is null)
            throw new HelperProcessException($"cannot start {Description}: program not found on PATH");
    }
}
