using Zos.Core.Image;

namespace Zos.Testing;

/// <summary>
/// The node image tests boot: the directory <c>ZOS_TEST_IMAGE</c> names (scripts/test.sh builds it once with
/// <c>zos image build</c> before the tests), else artifacts/test/image of the repository when a run left one there.
/// </summary>
public static class TestImage
{
    public const string Variable = "ZOS_TEST_IMAGE";

    /// <summary>The image directory; skips (fails under ZOS_REQUIRE_PRIVILEGED=1) when there is none.</summary>
    public static string Directory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            candidates.Add(given);
        if (RepositoryRoot() is { } root)
            candidates.Add(Path.Combine(root, "artifacts", "test", "image"));
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, ImageManifest.KernelFile)) && File.Exists(Path.Combine(dir, ImageManifest.InitramfsFile)))
                return dir;
        }
        Require.Missing($"a node image ({Variable}, or `./zos image build -o artifacts/test/image`; looked in {string.Join(", ", candidates)})");
        return "";
    }

    /// <summary>The directory holding Zos.slnx above the test assembly, or null.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
                return dir.FullName;
        }
        return null;
    }
}
