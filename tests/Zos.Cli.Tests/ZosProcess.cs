using System.Diagnostics;
using Zos.Testing;

namespace Zos.Cli.Tests;

/// <summary>Runs the zos.dll built next to the tests as a process, with exactly the environment given (no ZOS_REGISTRY unless set).</summary>
internal static class ZosProcess
{
    public static ShResult Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(RegistryProcess.ZosDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var name in new[] { "ZOS_REGISTRY", "ZOS_CONFIG_DIR", "ZOS_LAB_DIR", "ZOS_DEBUG", "CI" })
            psi.Environment.Remove(name);
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"zos {string.Join(' ', args)} did not finish in time; a command given bad input should stop at once");
        }
        return new ShResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
