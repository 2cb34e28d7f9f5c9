namespace Zos.Boot.Media;

/// <summary>
/// Builds a medium as "&lt;output&gt;.partial" with a scratch directory beside it, and moves it to its name only when
/// whole: an interrupted or failed build never leaves a file that looks like a finished medium, and the scratch
/// directory goes in every case.
/// </summary>
internal static class MediumOutput
{
    /// <summary>Runs <paramref name="build"/> with the partial path and a fresh scratch directory, then moves the medium into place.</summary>
    public static async Task WriteAsync(string output, Func<string, string, Task> build)
    {
        var work = Directory.CreateTempSubdirectory("zos-media-").FullName;
        var partial = output + ".partial";
        try
        {
            await build(partial, work);
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
            Directory.Delete(work, recursive: true);
        }
    }
}
