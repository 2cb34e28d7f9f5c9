namespace Zos.Client;

/// <summary>A secret key file that others can read (see <see cref="KeyFileMode"/>); the message carries the chmod that fixes it.</summary>
public sealed class InsecureKeyFileException(string path, UnixFileMode mode)
    : Exception($"key file {path} is readable by others (mode {KeyFileMode.Octal(mode)}); run: chmod 600 {path}")
{
    public string Path { get; } = path;

    public UnixFileMode Mode { get; } = mode;
}
