using System.Globalization;

namespace Zos.Image.Debian;

/// <summary>A downloaded .deb: its package name, version and architecture (from Debian's file naming), path and SHA-256.</summary>
public sealed record DebianPackageFile(string Name, string Version, string Architecture, string Path, string Sha256)
{
    /// <summary>
    /// Reads <c>NAME_VERSION_ARCH.deb</c>, the name apt-get download gives a file (a ':' in the version, the epoch
    /// separator, is written %3a). Null for any other name.
    /// </summary>
    public static (string Name, string Version, string Architecture)? ParseFileName(string fileName)
    {
        if (!fileName.EndsWith(".deb", StringComparison.Ordinal))
            return null;
        var parts = fileName[..^4].Split('_');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return null;
        return (parts[0], Uri.UnescapeDataString(parts[1]), parts[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Version} ({Architecture})");
}
