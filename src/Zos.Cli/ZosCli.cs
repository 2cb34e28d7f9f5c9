using System.CommandLine;
using System.CommandLine.Invocation;

namespace Zos.Cli;

/// <summary>
/// Runs one `zos` command line: a line that does not parse gets the cause and the usage line on stderr and
/// <see cref="ExitCodes.Usage"/> (never the whole help, never a .NET type name); a failure no command handled gets one
/// line and <see cref="ExitCodes.Internal"/>, its stack trace only with ZOS_DEBUG=1.
/// </summary>
internal static class ZosCli
{
    public const string DebugVariable = "ZOS_DEBUG";

    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration, CancellationToken ct = default)
    {
        var parse = CommandTree.Build().Parse(args);
        var error = configuration.Error;
        // Help and the [suggest] directive clear parse errors; only a line that runs the error action is a usage error.
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var e in ParseErrorText.Relevant(parse.Errors))
                CliMessages.Error(error, ParseErrorText.Describe(e));
            error.WriteLine(ParseErrorText.Usage(parse.CommandResult));
            return ExitCodes.Usage;
        }
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await parse.InvokeAsync(configuration, ct);
        }
        catch (CliFailure e)
        {
            CliMessages.Error(error, e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            CliMessages.Error(error, "interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // A failure a command did not expect is a fault in zos: say what it was, keep the trace for a bug report.
            CliMessages.Error(error, $"{e.Message.TrimEnd('.')} (a fault in zos, not in what you gave it; run again with {DebugVariable}=1 for the details to report)");
            if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
                error.WriteLine(e.ToString());
            return ExitCodes.Internal;
        }
    }
}
