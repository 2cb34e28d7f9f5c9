using System.ComponentModel;
using System.Diagnostics;

namespace Zos.Boot.Media;

/// <summary>Runs Debian's image tools (dosfstools, mtools, syslinux, xorriso) with arguments passed as a list, never a shell.</summary>
internal static class MediaTools
{
    public static async Task RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // mtools refuses images whose geometry it finds odd; ours are plain files made by mkfs.vfat.
        psi.Environment["MTOOLS_SKIP_CHECK"] = "1";
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new MediaToolException($"cannot start {program}");
        }
        catch (Win32Exception e)
        {
            throw new MediaToolException($"cannot run {program}: {e.Message} (scripts/install-deps.sh installs it)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
                throw new MediaToolException($"{program} {string.Join(' ', args)} failed (exit {process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        }
    }
}
