using System.CommandLine;
using System.Reflection;

namespace Zos.Cli.Commands;

/// <summary>`zos version`.</summary>
internal static class VersionCommands
{
    public static Command Version()
    {
        var version = new Command("version", "Print the version of zos");
        version.SetAction(_ =>
        {
            var v = typeof(VersionCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.WriteLine($"zos {v}");
            return ExitCodes.Ok;
        });
        return version;
    }
}
