namespace Zos.Cli.Tests;

/// <summary>
/// One row of the bad-input table: the command line (with {placeholders} the fixture fills in), whose account
/// (config directory) runs it, the exit code it must end with, what its message must name (the parameter and the
/// value), and what it must not print (a password).
/// </summary>
internal sealed record BadInput(string[] Args, int Exit, string[] Mentions, string Account = BadInputAccounts.Fresh, string[]? Absent = null);
