namespace Zos.Client;

/// <summary>
/// Whether a secret key file (an account key, the registry's key) can be read by anyone but its owner. Such a key is
/// refused rather than used: whoever else can read it can sign as its owner (as ssh refuses a private key that is not
/// 0600).
/// </summary>
public static class KeyFileMode
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's mode when its group or others have any access; null when only the owner has (or on Windows).</summary>
    public static UnixFileMode? ReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) != 0 ? mode : null;
    }

    /// <summary>Throws <see cref="InsecureKeyFileException"/> when <paramref name="path"/> exists and others may access it.</summary>
    public static void ThrowIfReadableByOthers(string path)
    {
        if (File.Exists(path) && ReadableByOthers(path) is { } mode)
            throw new InsecureKeyFileException(path, mode);
    }

    /// <summary>The octal text of a mode, as chmod and ls speak it (e.g. 0644).</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
}
