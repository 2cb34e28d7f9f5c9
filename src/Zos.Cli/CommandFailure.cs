namespace Zos.Cli;

/// <summary>Why a command cannot go on: the exit code and the message (cause and fix) to print.</summary>
internal sealed record CommandFailure(int ExitCode, string Message);
