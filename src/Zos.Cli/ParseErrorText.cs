using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Zos.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into zos messages: the parameter and the value it could not use, in words a
/// user knows ("a whole number"), never a .NET type name; and the usage line of the command that was meant.
/// </summary>
internal static class ParseErrorText
{
    /// <summary>One line for <paramref name="error"/>, naming the parameter and the value where the error has them.</summary>
    public static string Describe(ParseError error)
    {
        var parameter = Parameter(error.SymbolResult);
        if (parameter is { } p && error.Message.Contains("expected type", StringComparison.Ordinal))
            return $"{p.Name}: '{LastToken(p.Result)}' is not {Expected(p.Type)}";
        if (error.SymbolResult is CommandResult command && error.Message.StartsWith("Required command", StringComparison.Ordinal))
            return $"{CommandPath(command)} needs a command: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        // The library's own sentences are clear: lists go on one line, a type name is put in words, and the
        // parameter is named when the sentence does not name it.
        var flat = WithoutTypeNames(string.Join(' ', error.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.'));
        return parameter is not { } named || flat.Contains(named.Name.Trim('<', '>'), StringComparison.Ordinal) ? flat : $"{named.Name}: {flat}";
    }

    /// <summary>The option (--port) or argument (&lt;farm-id&gt;) an error is about, with its value type; null for a command's error.</summary>
    private static (string Name, Type Type, SymbolResult Result)? Parameter(SymbolResult? result) => result switch
    {
        OptionResult option => (option.Option.Name, option.Option.ValueType, option),
        ArgumentResult { Parent: OptionResult option } => (option.Option.Name, option.Option.ValueType, option),
        ArgumentResult argument => ($"<{argument.Argument.Name}>", argument.Argument.ValueType, argument),
        _ => null,
    };

    /// <summary>
    /// The errors worth showing: "a command is missing" goes when a word was not recognized, which says more
    /// (`zos farm shw` is a typo, not a missing command).
    /// </summary>
    public static IEnumerable<ParseError> Relevant(IReadOnlyList<ParseError> errors)
    {
        var unrecognized = errors.Any(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal));
        return errors.Where(e => !(unrecognized && e.Message.StartsWith("Required command", StringComparison.Ordinal)));
    }

    private static string LastToken(SymbolResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    /// <summary>"zos farm show": the words that name <paramref name="command"/>.</summary>
    public static string CommandPath(CommandResult command)
    {
        var words = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent)
            words.Insert(0, c.Parent is null ? "zos" : c.Command.Name);
        return string.Join(' ', words);
    }

    /// <summary>"usage: zos farm show &lt;farm-id&gt; [options]" for the command the words named (as far as they got).</summary>
    public static string Usage(CommandResult command)
    {
        var path = CommandPath(command);
        var arguments = command.Command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>");
        var subcommands = command.Command.Subcommands.Any(s => !s.Hidden) ? " <command>" : "";
        return $"usage: {string.Join(' ', [path, .. arguments])}{subcommands} [options]; `{path} --help` explains them";
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in the user's words.</summary>
    public static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant()));
        return t switch
        {
            _ when t == typeof(uint) => Range("a whole number", uint.MinValue, uint.MaxValue),
            _ when t == typeof(int) => Range("a whole number", int.MinValue, int.MaxValue),
            _ when t == typeof(long) => Range("a whole number", long.MinValue, long.MaxValue),
            _ when t == typeof(ulong) => Range("a whole number", ulong.MinValue, ulong.MaxValue),
            _ when t == typeof(ushort) => Range("a whole number", ushort.MinValue, ushort.MaxValue),
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => "a number",
            _ when t == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when t == typeof(FileInfo) => "a file path",
            _ when t == typeof(DirectoryInfo) => "a directory path",
            _ when t == typeof(Uri) => "a URL",
            _ => "a " + t.Name.ToLowerInvariant(),
        };
    }

    private static string Range<T>(string what, T min, T max) where T : IFormattable =>
        $"{what} from {min.ToString(null, CultureInfo.InvariantCulture)} to {max.ToString(null, CultureInfo.InvariantCulture)}";

    /// <summary>Replaces "'System.UInt32'"-like type names the library puts into a few of its messages.</summary>
    private static string WithoutTypeNames(string message)
    {
        var start = message.IndexOf("'System.", StringComparison.Ordinal);
        if (start < 0)
            return message;
        var end = message.IndexOf('\'', start + 1);
        if (end < 0)
            return message;
        var typeName = message[(start + 1)..end];
        var described = Type.GetType(typeName) is { } type ? Expected(type) : "a value of the right kind";
        return message[..start] + described + message[(end + 1)..];
    }
}
