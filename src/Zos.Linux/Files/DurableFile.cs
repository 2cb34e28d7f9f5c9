namespace Zos.Linux.Files;

/// <summary>
/// Replaces a file so that a crash or a power cut leaves either the old content or the new, whole: the new content is
/// written to "&lt;path&gt;.tmp" and flushed, renamed over the file, then the directory is flushed (<see cref="DirectorySync"/>).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class DurableFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; <paramref name="mode"/>, when given, is the new file's permission.</summary>
    public static void Replace(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (mode is { } m)
            options.UnixCreateMode = m;
        using (var stream = new FileStream(temp, options))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
