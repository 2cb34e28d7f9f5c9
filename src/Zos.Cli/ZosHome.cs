namespace Zos.Cli;

/// <summary>Where the repository's shipped files (examples/) are: $ZOS_HOME (set by ./zos), else found upward from the CLI.</summary>
internal static class ZosHome
{
    public static string Examples
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ZOS_HOME") is { Length: > 0 } home)
                return Path.Combine(home, "examples");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "examples", "dc-farm.yaml")))
                    return Path.Combine(dir.FullName, "examples");
            }
            return Path.Combine(Environment.CurrentDirectory, "examples");
        }
    }

    /// <summary>How to start this same zos again (the lab starts the real registry, boot server and node daemons).</summary>
    public static Zos.Lab.Runtime.ZosCommand Self
    {
        get
        {
            var process = Environment.ProcessPath ?? "dotnet";
            return Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? new Zos.Lab.Runtime.ZosCommand(process, [Path.Combine(AppContext.BaseDirectory, typeof(ZosHome).Assembly.GetName().Name + ".dll")])
                : new Zos.Lab.Runtime.ZosCommand(process, []);
        }
    }
}
