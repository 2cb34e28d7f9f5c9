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

    /// <summary>A validation problem already rendered as "error: field: message" or "warning: ...": only the program name is added.</summary>
    public static void Problem(TextWriter error, string rendered) => error.WriteLine(Prefix + rendered);
}
