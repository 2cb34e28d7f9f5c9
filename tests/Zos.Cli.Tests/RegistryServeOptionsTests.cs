using System.Diagnostics;
using Xunit;

namespace Zos.Cli.Tests;

/// <summary>`zos registry serve` refuses option combinations that cannot mean anything, naming the option.</summary>
public class RegistryServeOptionsTests
{
    private static (int Exit, string StdErr) Serve(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { RegistryProcess.ZosDll, "registry", "serve" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"zos registry serve {string.Join(' ', args)} kept running; it should have refused its options");
        }
        return (p.ExitCode, err.Trim());
    }

    [Fact]
    public void Serve_FsyncWithPostgres_UsageErrorNamingTheOption()
    {
        var (exit, err) = Serve("--fsync-every-commit", "--postgres", "Host=127.0.0.1;Database=none");

        Assert.Equal(2, exit);
        Assert.Equal("zos: error: --fsync-every-commit is for SQLite; PostgreSQL keeps its own synchronous_commit setting", err);
    }

    [Fact]
    public void Serve_HeartbeatIntervalZero_UsageErrorNamingTheValue()
    {
        var (exit, err) = Serve("--heartbeat-interval", "0");

        Assert.Equal(2, exit);
        Assert.Equal("zos: error: --heartbeat-interval 0 must be at least 1 second", err);
    }
}
