namespace Zos.Cli;

/// <summary>Reads a file a command was given (a farm file, a network file), failing with a message that names it.</summary>
internal static class InputFile
{
    /// <summary>The file's text; a <see cref="CliFailure"/> (usage) naming <paramref name="what"/> and the path when it cannot be read.</summary>
    public static string Read(FileInfo file, string what)
    {
        if (Directory.Exists(file.FullName))
            throw new CliFailure(ExitCodes.Usage, $"{file}: is a directory, not {what}");
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.Usage, $"cannot read {what} {file}: {CliMessages.Reason(e)}");
        }
    }
}
