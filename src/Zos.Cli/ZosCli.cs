using System.CommandLine;
using System.CommandLine.Invocation;

namespace Zos.Cli;

/// <summary>
/// Runs one `zos` command line: a line that does not parse gets the cause and the usage line on stderr and
/// <see cref="ExitCodes.Usage"/> (never the whole help, never a .NET type name); a <see cref="CliFailure"/> gets its
/// message and code; a failure no command expected gets one line and <see cref="ExitCodes.Internal"/>, its stack trace
/// only with ZOS_DEBUG=1.
/// </summary>
internal static class ZosCli
{
    public const string DebugVariable = "ZOS_DEBUG";

    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration, CancellationToken ct = default)
    {
        if (Parse(args, configuration) is not { } parse)
            return ExitCodes.Usage;
        try
        {
            return await parse.InvokeAsync(configuration, ct);
        }
        catch (Exception e)
        {
            return Fault(e, configuration.Error);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, through the library's synchronous invocation (in-process tests).</summary>
    public static int Invoke(string[] args, InvocationConfiguration configuration)
    {
        if (Parse(args, configuration) is not { } parse)
            return ExitCodes.Usage;
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception e)
        {
            return Fault(e, configuration.Error);
        }
    }

    /// <summary>The parsed line ready to run, or null after reporting why it cannot run.</summary>
    private static ParseResult? Parse(string[] args, InvocationConfiguration configuration)
    {
        var parse = CommandTree.Build().Parse(args);
        // Help and the [suggest] directive clear parse errors; only a line that runs the error action is a usage error.
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var e in ParseErrorText.Relevant(parse.Errors))
                CliMessages.Error(configuration.Error, ParseErrorText.Describe(e));
            configuration.Error.WriteLine(ParseErrorText.Usage(parse.CommandResult));
            return null;
        }
        configuration.EnableDefaultExceptionHandler = false;
        return parse;
    }

    private static int Fault(Exception e, TextWriter error)
    {
        switch (e)
        {
            case CliFailure failure:
                CliMessages.Error(error, failure.Message);
                return failure.ExitCode;
            case OperationCanceledException:
                CliMessages.Error(error, "interrupted");
                return ExitCodes.Interrupted;
            default:
                // A failure a command did not expect is a fault in zos: say what it was, keep the trace for a bug report.
                CliMessages.Error(error, $"{CliMessages.Reason(e)} (a fault in zos, not in what you gave it; run again with {DebugVariable}=1 for the details to report)");
                if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
                    error.WriteLine(e.ToString());
                return ExitCodes.Internal;
        }
    }
}
