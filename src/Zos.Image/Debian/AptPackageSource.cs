using System.Security.Cryptography;
using Zos.Image.Build;
using Zos.Linux.Processes;

namespace Zos.Image.Debian;

/// <summary>
/// Debian's packages through apt, without installing anything on the build machine: <c>apt-cache depends</c> to
/// resolve the kernel, <c>apt-get download</c> into a cache directory (a file already there is used again), and
/// <c>dpkg-deb -x</c> to unpack. <paramref name="aptOptions"/> are given to every apt call (a private source list).
/// </summary>
public sealed class AptPackageSource(string cacheDirectory, IReadOnlyList<string>? aptOptions = null)
{
    private readonly IReadOnlyList<string> _aptOptions = aptOptions ?? [];

    private static readonly TimeSpan DownloadLimit = TimeSpan.FromMinutes(10);

    public string DebDirectory => Path.Combine(cacheDirectory, "debs");

    public string ExtractDirectory => Path.Combine(cacheDirectory, "extract");

    /// <summary>The kernel version <see cref="ImageRecipe.KernelMetaPackage"/> depends on today, e.g. 6.1.0-57-amd64.</summary>
    public static async Task<string> CurrentKernelVersionAsync(CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(new HelperLaunch("apt-cache", ["depends", ImageRecipe.KernelMetaPackage]), cancellationToken: ct).ConfigureAwait(false);
        const string prefix = "linux-image-";
        var line = result.StdOut.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("Depends: " + prefix, StringComparison.Ordinal));
        if (!result.Succeeded || line is null)
            throw new ImageBuildException($"apt-cache depends {ImageRecipe.KernelMetaPackage} names no kernel package " +
                "(run apt-get update first, or give --kernel VERSION)" + Tail(result.StdErr));
        return line[("Depends: " + prefix).Length..];
    }

    /// <summary>Downloads <paramref name="packages"/> (names as apt knows them) unless the cache has them, and returns them.</summary>
    public async Task<IReadOnlyList<DebianPackageFile>> DownloadAsync(IReadOnlyCollection<string> packages, CancellationToken ct)
    {
        Directory.CreateDirectory(DebDirectory);
        // --print-uris names each file apt would fetch (and its size and hash) without fetching it: a package apt
        // cannot find is reported here, by name, before anything is written.
        var uris = await ProcessRunner.RunAsync(new HelperLaunch("apt-get", [.. _aptOptions, "download", "--print-uris", .. packages]), cancellationToken: ct).ConfigureAwait(false);
        if (!uris.Succeeded)
            throw new ImageBuildException($"apt cannot find every package of the image ({string.Join(' ', packages)}): {Tail(uris.StdErr).Trim()}");
        var wanted = uris.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 2 && w[1].EndsWith(".deb", StringComparison.Ordinal))
            .Select(w => w[1]).ToList();
        var missing = wanted.Where(f => !File.Exists(Path.Combine(DebDirectory, f))).ToList();
        if (missing.Count > 0)
        {
            var names = missing.Select(f => DebianPackageFile.ParseFileName(f)?.Name ?? f).ToList();
            var download = await ProcessRunner.RunAsync(
                new HelperLaunch("apt-get", [.. _aptOptions, "download", "-o", "APT::Sandbox::User=root", .. names]) { WorkingDirectory = DebDirectory },
                timeout: DownloadLimit, cancellationToken: ct).ConfigureAwait(false);
            if (!download.Succeeded)
                throw new ImageBuildException($"apt-get download {string.Join(' ', names)} failed: {Tail(download.StdErr).Trim()}");
        }
        var files = new List<DebianPackageFile>();
        foreach (var file in wanted)
        {
            var path = Path.Combine(DebDirectory, file);
            if (!File.Exists(path) || DebianPackageFile.ParseFileName(file) is not { } parsed)
                throw new ImageBuildException($"apt-get download left no {file} in {DebDirectory}");
            files.Add(new DebianPackageFile(parsed.Name, parsed.Version, parsed.Architecture, path, await Sha256Async(path, ct).ConfigureAwait(false)));
        }
        return files;
    }

    /// <summary>
    /// A source of packages from <paramref name="sourceLine"/> (one sources.list line) alone, with its own package
    /// lists and cache under the cache directory: the build machine's apt configuration is neither read for sources
    /// nor changed. Its files share this cache's download and unpack directories.
    /// </summary>
    public static async Task<AptPackageSource> WithPrivateSourceAsync(string cacheDirectory, string name, string sourceLine, CancellationToken ct)
    {
        var root = Path.Combine(cacheDirectory, "apt-" + name);
        Directory.CreateDirectory(Path.Combine(root, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(root, "cache", "archives", "partial"));
        var sources = Path.Combine(root, "sources.list");
        await File.WriteAllTextAsync(sources, sourceLine + "\n", ct).ConfigureAwait(false);
        string[] options =
        [
            "-o", $"Dir::Etc::SourceList={sources}",
            "-o", $"Dir::Etc::SourceParts={Path.Combine(root, "no-parts")}",
            "-o", $"Dir::State::Lists={Path.Combine(root, "lists")}",
            "-o", $"Dir::Cache={Path.Combine(root, "cache")}",
        ];
        var update = await ProcessRunner.RunAsync(new HelperLaunch("apt-get", [.. options, "-o", "APT::Sandbox::User=root", "-q", "update"]),
            timeout: DownloadLimit, cancellationToken: ct).ConfigureAwait(false);
        // apt-get update exits 0 even when a source failed to download; its "W:"/"E:" lines say so.
        if (!update.Succeeded || update.StdErr.Contains("E: ", StringComparison.Ordinal) || update.StdErr.Contains("W: Failed to fetch", StringComparison.Ordinal))
            throw new ImageBuildException($"apt-get update of \"{sourceLine}\" failed: {Tail(update.StdErr + update.StdOut).Trim()}");
        return new AptPackageSource(cacheDirectory, options);
    }

    /// <summary>The build machine's Debian release (VERSION_CODENAME in /etc/os-release), e.g. bookworm.</summary>
    public static string HostSuite()
    {
        const string key = "VERSION_CODENAME=";
        var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) : null;
        return line?[key.Length..].Trim('"') is { Length: > 0 } suite
            ? suite
            : throw new ImageBuildException("/etc/os-release names no VERSION_CODENAME: cannot tell which Debian release's firmware to fetch (or build with --no-firmware)");
    }

    /// <summary>Unpacks <paramref name="package"/> once into the cache and returns its root.</summary>
    public async Task<string> ExtractAsync(DebianPackageFile package, CancellationToken ct)
    {
        var root = Path.Combine(ExtractDirectory, Path.GetFileNameWithoutExtension(package.Path));
        var done = root + ".done";
        if (File.Exists(done) && Directory.Exists(root))
            return root;
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        await ProcessRunner.RunCheckedAsync(new HelperLaunch("dpkg-deb", ["-x", package.Path, root]), $"unpack {package}",
            timeout: TimeSpan.FromMinutes(5), cancellationToken: ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(done, package.Sha256, ct).ConfigureAwait(false);
        return root;
    }

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
    }

    private static string Tail(string text) => text.Length <= 1000 ? text : text[^1000..];
}
