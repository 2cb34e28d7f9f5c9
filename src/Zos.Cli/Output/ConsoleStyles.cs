namespace Zos.Cli.Output;

/// <summary>Chooses the <see cref="ConsoleStyle"/> from where stdout goes and the CI variable most CI systems set.</summary>
internal static class ConsoleStyles
{
    public static ConsoleStyle Current => Choose(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("CI"));

    public static ConsoleStyle Choose(bool outputRedirected, string? ci) =>
        outputRedirected || ci is { Length: > 0 } && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? ConsoleStyle.Lines
            : ConsoleStyle.Terminal;
}
