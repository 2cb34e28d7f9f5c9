using System.CommandLine;
using System.Reflection;

namespace Zos.Cli.Commands;

/// <summary>`zos version`.</summary>
internal sealed class VersionCommands : ICommandGroup
{
    public int Order => 1000;

    public void Register(RootCommand root)
    {
        var version = new Command("version", "Print the version of zos");
        version.SetAction(_ =>
        {
            var v = typeof(VersionCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.WriteLine($"zos {v}");
            return ExitCodes.Ok;
        });
        root.Add(version);
    }
}
