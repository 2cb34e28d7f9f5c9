using System.CommandLine;

namespace Zos.Cli.Commands;

/// <summary>`zos completion bash|zsh|fish`: prints the shell's completion script (CompletionScripts).</summary>
internal static class CompletionCommands
{
    public static Command Completion()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion", "Print a shell completion script: source <(zos completion bash), or zsh; fish: zos completion fish > ~/.config/fish/completions/zos.fish")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(CompletionScripts.For(parse.GetRequiredValue(shell)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
