namespace Zos.Cli.Tests;

/// <summary>Exit code and captured output of one in-process `zos` invocation.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err);
