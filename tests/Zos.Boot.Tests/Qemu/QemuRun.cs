using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// One qemu-system-x86_64 run (TCG, -nographic, -no-reboot) inside a network namespace, its serial console captured.
/// The served scripts end in <c>reboot</c>, which with -no-reboot ends qemu; a run that does not end in time is killed.
/// </summary>
internal static partial class QemuRun
{
    public static async Task<(int ExitCode, string Console, bool TimedOut)> RunAsync(string? netns, IEnumerable<string> qemuArgs, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(netns is null ? "qemu-system-x86_64" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, "qemu-system-x86_64" })
                psi.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-accel", "tcg", "-nographic", "-no-reboot", "-m", "256", "-display", "none" }.Concat(qemuArgs))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start qemu");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        output.Append(await stdout).Append(await stderr);
        return (timedOut ? -1 : process.ExitCode, Clean(output.ToString()), timedOut);
    }

    /// <summary>Serial output without ANSI escapes, carriage returns and backspaces (linux-on-this-machine.md §6).</summary>
    private static string Clean(string text) => Ansi().Replace(text, "").Replace("\r", "", StringComparison.Ordinal).Replace("\b", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\x1b(\[[0-9;?=]*[a-zA-Z]|c)")]
    private static partial Regex Ansi();
}
