using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace Zos.Cli;

/// <summary>`zos --help` as the library renders it, then the exit codes every command uses (root help only).</summary>
internal sealed class HelpWithExitCodesAction(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>Puts this action on the root's help option (which every command inherits).</summary>
    public static void Attach(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpWithExitCodesAction((HelpAction)option.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exit = help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is RootCommand)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, name, meaning) in ExitCodes.All)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {code,3}  {name,-12} {meaning}"));
            output.WriteLine();
            output.WriteLine("Errors go to stderr as `zos: error: ...`; data to stdout (--json for JSON). Shell completion: zos completion bash|zsh|fish.");
        }
        return exit;
    }
}
