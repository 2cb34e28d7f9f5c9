using System.CommandLine;
using System.Reflection;
using Zos.Cli.Output;

namespace Zos.Cli.Commands;

/// <summary>`zos version`.</summary>
internal static class VersionCommands
{
    public static Command Version()
    {
        var json = CliJson.Option();
        var version = new Command("version", "Print the version of zos") { json };
        version.SetAction(parse =>
        {
            var v = typeof(VersionCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            if (parse.GetValue(json))
                CliJson.Write(parse.InvocationConfiguration.Output, new VersionJson(v));
            else
                parse.InvocationConfiguration.Output.WriteLine($"zos {v}");
            return ExitCodes.Ok;
        });
        return version;
    }
}
