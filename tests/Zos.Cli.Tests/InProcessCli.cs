using System.CommandLine;

namespace Zos.Cli.Tests;

/// <summary>Runs `zos` commands in-process, on the command tree Program runs, capturing output.</summary>
internal static class InProcessCli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ZosCli.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name + ".yaml");
}
