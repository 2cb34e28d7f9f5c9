using System.CommandLine;

namespace Zos.Cli.Tests;

/// <summary>Runs `zos` commands in-process, with every command group registered as Program does, capturing output.</summary>
internal static class InProcessCli
{
    public static CliResult Run(params string[] args)
    {
        var root = new RootCommand("zos (tests)");
        foreach (var group in typeof(ICommandGroup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandGroup).IsAssignableFrom(t))
                     .Select(t => (ICommandGroup)Activator.CreateInstance(t)!)
                     .OrderBy(g => g.Order))
        {
            group.Register(root);
        }
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name + ".yaml");
}
