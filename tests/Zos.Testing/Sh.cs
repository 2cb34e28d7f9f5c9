using System.Diagnostics;

namespace Zos.Testing;

/// <summary>The result of a finished process.</summary>
public sealed record ShResult(int ExitCode, string StdOut, string StdErr)
{
    public ShResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {StdErr.Trim()} {StdOut.Trim()}");
        return this;
    }
}

/// <summary>Runs outside programs (iproute2, nft, wg, ...) as independent observers in tests.</summary>
public static class Sh
{
    public static ShResult Run(string program, params string[] args) => Run(program, args, TimeSpan.FromSeconds(60));

    public static ShResult Run(string program, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return new ShResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a shell command line (bash -c).</summary>
    public static ShResult Bash(string script) => Run("bash", ["-c", script], TimeSpan.FromSeconds(120));

    /// <summary>The full path of a program on PATH (plus sbin directories), or null.</summary>
    public static string? Which(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/local/sbin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
