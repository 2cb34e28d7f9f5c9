namespace Zos.Image.Build;

/// <summary>
/// An unpacked package's files, read as the package would install them: symlinks followed inside the package's own
/// root (an absolute target such as /bin/ip means the package's bin/ip, never the build machine's).
/// </summary>
public sealed class PackageTree(string name, string root)
{
    public string Name { get; } = name;

    public string Root { get; } = root;

    public bool Exists(string relativePath) => Resolve(relativePath) is not null;

    /// <summary>The real path of <paramref name="relativePath"/> inside the root, links followed; null when absent.</summary>
    public string? Resolve(string relativePath)
    {
        var current = relativePath.TrimStart('/');
        for (var hop = 0; hop < 16; hop++)
        {
            var full = Path.Combine(Root, current);
            var info = new FileInfo(full);
            if (info.LinkTarget is { } target)
            {
                current = target.StartsWith('/') ? target.TrimStart('/') : Normalize(Path.Combine(Path.GetDirectoryName(current) ?? "", target));
                continue;
            }
            if (info.Exists || Directory.Exists(full))
                return full;
            return null;
        }
        return null;
    }

    public byte[] Read(string relativePath) =>
        File.ReadAllBytes(Resolve(relativePath) ?? throw new ImageBuildException($"package {Name} has no {relativePath}"));

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
                parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
