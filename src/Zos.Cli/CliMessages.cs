namespace Zos.Cli;

/// <summary>
/// The one shape of what zos says on stderr: <c>zos: error: CAUSE; FIX</c> when a command fails,
/// <c>zos: warning: ...</c> for a problem it went on with, <c>zos: ...</c> for a note. stdout carries only the
/// command's data, so `zos ... &gt; file` never writes a message into the file.
/// </summary>
internal static class CliMessages
{
    public const string Prefix = "zos: ";

    public const string ErrorPrefix = Prefix + "error: ";

    public static void Error(TextWriter error, string message) => error.WriteLine(ErrorPrefix + message);

    public static void Warning(TextWriter error, string message) => error.WriteLine(Prefix + "warning: " + message);

    public static void Note(TextWriter error, string message) => error.WriteLine(Prefix + message);

    /// <summary>Writes <paramref name="message"/> as an error and returns <paramref name="exitCode"/>, for one-line failure paths.</summary>
    public static int Fail(TextWriter error, int exitCode, string message)
    {
        Error(error, message);
        return exitCode;
    }

    /// <summary>An exception's message for a person: without the " (Parameter 'x')" .NET adds to argument errors, and without a final period.</summary>
    public static string Reason(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name } && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
            message = message[..^$" (Parameter '{name}')".Length];
        return message.TrimEnd('.');
    }

    /// <summary>
    /// A problem of a checked input: <c>zos: error: SOURCE: path (line N): message</c> (or warning), the source (a file,
    /// an option) first when it is not already in the path.
    /// </summary>
    public static void Problem(TextWriter error, Zos.Core.Validation.ValidationError problem, string? source = null)
    {
        var severity = problem.IsError ? "error: " : "warning: ";
        var rendered = problem.ToString()[severity.Length..];
        error.WriteLine(Prefix + severity + (source is null ? "" : source + ": ") + rendered);
    }
}
