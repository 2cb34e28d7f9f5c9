using System.Globalization;
using Zos.Linux.Processes;

namespace Zos.Boot.Media;

/// <summary>
/// Runs Debian's image tools (dosfstools, mtools, syslinux, xorriso) through Zos.Linux's process adapter, with
/// arguments passed as a list, never a shell; any failure becomes a <see cref="MediaToolException"/> with the tool's
/// own error text.
/// </summary>
internal static class MediaTools
{
    /// <summary>xorriso on a loaded 2-core machine takes a few seconds; a hung tool is killed after this.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The time written into media: <c>SOURCE_DATE_EPOCH</c> when the caller sets it, else a fixed date.</summary>
    public static DateTimeOffset SourceDateEpoch =>
        long.TryParse(System.Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var launch = new HelperLaunch(program, args)
        {
            // mtools refuses images whose geometry it finds odd; ours are plain files made by mkfs.vfat. xorriso and
            // mkfs.vfat take their timestamps from SOURCE_DATE_EPOCH (reproducible-builds.org), so media are repeatable.
            Environment = new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1", ["SOURCE_DATE_EPOCH"] = SourceDateEpoch.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
        };
        if (ExecutableLookup.Find(program) is null)
            throw new MediaToolException($"cannot run {program}: not installed (scripts/install-deps.sh installs it)");
        try
        {
            await ProcessRunner.RunCheckedAsync(launch, $"{program} {string.Join(' ', args)}", timeout: Timeout, cancellationToken: cancellationToken);
        }
        catch (HelperProcessException e)
        {
            throw new MediaToolException(e.Message, e);
        }
    }
}
