using System.Diagnostics;
using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// A qemu-system-x86_64 (TCG, -no-reboot, 512 MiB) whose serial console goes to a file, watched until a marker line
/// appears; the VM is then killed (the tests stop at the first sign of the image's init). The console file stays in
/// <see cref="Directory"/>, which is removed on dispose only when the test passed (<see cref="Keep"/> otherwise).
/// </summary>
internal sealed class QemuConsole : IDisposable
{
    public QemuConsole(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory($"zos-qemu-{name}-").FullName;
        Log = Path.Combine(Directory, "serial.log");
    }

    public string Directory { get; }

    public string Log { get; }

    /// <summary>Set by a test that failed, so its console stays for the failure message's path.</summary>
    public bool Keep { get; set; } = true;

    /// <summary>OVMF's code (read-only) and a private copy of its variable store, as -drive pflash arguments.</summary>
    public string[] OvmfArgs()
    {
        if (!File.Exists("/usr/share/OVMF/OVMF_CODE.fd"))
            Require.Missing("OVMF (Debian package ovmf)");
        var vars = Path.Combine(Directory, "OVMF_VARS.fd");
        File.Copy("/usr/share/OVMF/OVMF_VARS.fd", vars, overwrite: true);
        return ["-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd", "-drive", $"if=pflash,format=raw,file={vars}"];
    }

    /// <summary>Runs qemu (inside <paramref name="netns"/> when given) until <paramref name="marker"/> is on the console, qemu exits, or the timeout.</summary>
    public Task<QemuConsoleResult> RunUntilAsync(string? netns, IEnumerable<string> qemuArgs, string marker, TimeSpan timeout, CancellationToken ct) =>
        RunUntilAsync(netns, qemuArgs, console => console.Contains(marker, StringComparison.Ordinal), TimeSpan.FromMilliseconds(250), timeout, ct);

    /// <summary>
    /// Runs qemu until <paramref name="done"/> (given the console so far, asked every <paramref name="every"/>) says
    /// so, qemu exits, or the timeout; the condition may look elsewhere than the console (a registry).
    /// </summary>
    public async Task<QemuConsoleResult> RunUntilAsync(string? netns, IEnumerable<string> qemuArgs, Func<string, bool> done, TimeSpan every, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(netns is null ? "qemu-system-x86_64" : "ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, "qemu-system-x86_64" })
                psi.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-accel", "tcg", "-m", "512", "-no-reboot", "-display", "none", "-monitor", "none", "-serial", $"file:{Log}" }.Concat(qemuArgs))
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start qemu");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct);
        var found = false;
        try
        {
            while (clock.Elapsed < timeout && !process.HasExited)
            {
                if (done(File.Exists(Log) ? ReadLog() : ""))
                {
                    found = true;
                    break;
                }
                await Task.Delay(every, ct);
            }
            found = found || done(File.Exists(Log) ? ReadLog() : "");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        var elapsed = clock.Elapsed;
        return new QemuConsoleResult(found, elapsed, File.Exists(Log) ? ReadLog() : "", await stderr);
    }

    /// <summary>The console so far; read shared, qemu still has it open.</summary>
    private string ReadLog()
    {
        using var stream = new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        if (!Keep)
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}

internal sealed record QemuConsoleResult(bool Found, TimeSpan Elapsed, string Console, string QemuErrors)
{
    public string Tail => Console.Length > 3000 ? Console[^3000..] : Console;
}
