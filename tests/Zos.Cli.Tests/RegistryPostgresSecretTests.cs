using System.Diagnostics;
using Xunit;

namespace Zos.Cli.Tests;

/// <summary>
/// The PostgreSQL connection string (it holds a password) comes from a file or the environment, not only the command
/// line (issue 17). Each case stops before any connection: --fsync-every-commit is refused with PostgreSQL, which
/// shows the string was taken from where it was given.
/// </summary>
public sealed class RegistryPostgresSecretTests : IDisposable
{
    private const string FsyncRefusal = "zos: error: --fsync-every-commit is for SQLite; PostgreSQL keeps its own synchronous_commit setting";
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-pg-secret-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Serve_PostgresFile_ConnectionStringReadFromIt()
    {
        var file = Path.Combine(_dir, "postgres");
        File.WriteAllText(file, "Host=127.0.0.1;Database=none\n");

        Assert.Equal((2, FsyncRefusal), Serve(null, "--postgres-file", file, "--fsync-every-commit"));
    }

    [Fact]
    public void Serve_EnvironmentVariable_ConnectionStringReadFromIt() =>
        Assert.Equal((2, FsyncRefusal), Serve("Host=127.0.0.1;Database=none", "--fsync-every-commit"));

    [Fact]
    public void Serve_PostgresAndPostgresFile_UsageErrorNamingBoth() =>
        Assert.Equal((2, "zos: error: --postgres and --postgres-file both give the connection string: give one"),
            Serve(null, "--postgres", "Host=x", "--postgres-file", Path.Combine(_dir, "postgres")));

    [Fact]
    public void Serve_PostgresFileMissing_UsageErrorNamingFileAndCause()
    {
        var (exit, err) = Serve(null, "--postgres-file", "/nonexistent/postgres");

        Assert.Equal(2, exit);
        Assert.StartsWith("zos: error: --postgres-file: cannot read '/nonexistent/postgres': ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_PostgresFileEmpty_UsageErrorSayingWhatItShouldHold()
    {
        var file = Path.Combine(_dir, "empty");
        File.WriteAllText(file, "\n");

        Assert.Equal((2, $"zos: error: --postgres-file: '{file}' is empty (expected a connection string such as Host=...;Username=...;Password=...)"),
            Serve(null, "--postgres-file", file));
    }

    private static (int Exit, string StdErr) Serve(string? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment.Remove("ZOS_REGISTRY_POSTGRES");
        if (environment is not null)
            psi.Environment["ZOS_REGISTRY_POSTGRES"] = environment;
        foreach (var a in new[] { RegistryProcess.ZosDll, "registry", "serve", "--data", Path.Combine(Path.GetTempPath(), "zos-never-created") }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"zos registry serve {string.Join(' ', args)} kept running; it should have refused its options");
        }
        return (p.ExitCode, err.Result.Trim());
    }
}
