namespace Zos.EndToEnd;

/// <summary>The repository root and the CLI built beside the tests (same configuration).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException($"cannot find the repository root above {AppContext.BaseDirectory}");
        }
    }

    public static string ZosDll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var dll = Path.Combine(Root, "src", "Zos.Cli", "bin", configuration, "net10.0", "zos.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"the CLI is not built: {dll} is missing");
        }
    }
}
