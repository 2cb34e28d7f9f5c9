using Zos.Testing;

namespace Zos.Packaging.Tests;

/// <summary>
/// The .deb under test, made once per test run: <c>ZOS_DEB</c> when the caller built it already
/// (<c>scripts/build-release.sh</c> before the tests), else built here by that script into a temporary directory
/// (publishing zos self-contained takes minutes).
/// </summary>
internal static class ReleasePackage
{
    private static readonly Lazy<Task<string>> s_deb = new(BuildAsync);

    public static Task<string> DebAsync() => s_deb.Value;

    /// <summary>The repository (the directory holding Zos.slnx) this test assembly was built from.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
                    return dir.FullName;
            }
            throw new InvalidOperationException($"no Zos.slnx above {AppContext.BaseDirectory}");
        }
    }

    private static Task<string> BuildAsync() => Task.Run(() =>
    {
        if (Environment.GetEnvironmentVariable("ZOS_DEB") is { Length: > 0 } given)
        {
            if (!File.Exists(given))
                throw new FileNotFoundException($"ZOS_DEB={given}: no such file (scripts/build-release.sh prints the .deb it builds)");
            return given;
        }
        var output = Directory.CreateTempSubdirectory("zos-release-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        var build = Sh.Run("bash", [Path.Combine(RepositoryRoot, "scripts", "build-release.sh"), output], TimeSpan.FromMinutes(20));
        build.EnsureSuccess("scripts/build-release.sh");
        return build.StdOut.Trim().Split('\n')[^1];
    });
}
