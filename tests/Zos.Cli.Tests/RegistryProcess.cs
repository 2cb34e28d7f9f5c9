using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Zos.Testing;

namespace Zos.Cli.Tests;

/// <summary>
/// A real `zos registry serve` process (the zos.dll built next to this test) on a free loopback port, with its data
/// in a temporary directory. Killed and cleaned up on dispose.
/// </summary>
public sealed class RegistryProcess : IDisposable
{
    private Process? _process;

    public RegistryProcess()
    {
        DataDir = Path.Combine(Path.GetTempPath(), TestNames.New("reg"));
        ConfigDir = Path.Combine(Path.GetTempPath(), TestNames.New("cfg"));
        Port = FreePort();
    }

    public string DataDir { get; }

    public string ConfigDir { get; }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public static string ZosDll => Path.Combine(AppContext.BaseDirectory, "zos.dll");

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ZosDll, "registry", "serve", "--data", DataDir, "--urls", Url.ToString().TrimEnd('/'), "--allow-documentation-ranges" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start zos registry serve");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"zos registry serve exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync("api/v1/farms")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"zos registry serve did not answer on {Url} within 60 s");
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Runs `zos args...` against this registry with its own config dir; returns exit code and output.</summary>
    public ShResult Zos(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ZosDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["ZOS_CONFIG_DIR"] = ConfigDir;
        psi.Environment["ZOS_REGISTRY"] = Url.ToString();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            throw new TimeoutException($"zos {string.Join(' ', args)} did not finish in 60 s");
        }
        return new ShResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        foreach (var d in new[] { DataDir, ConfigDir })
        {
            if (Directory.Exists(d))
                Directory.Delete(d, recursive: true);
        }
    }
}
