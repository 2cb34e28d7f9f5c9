namespace Zos.Cli;

/// <summary>
/// A command could not do its job for a reason it knows: thrown from deep inside a command with the message (cause and
/// fix) and the exit code, and reported by <see cref="ZosCli"/> as <c>zos: error: ...</c>.
/// </summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
