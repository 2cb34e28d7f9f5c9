using System.Security.Cryptography;
using System.Text.Json;

namespace Zos.Boot.Image;

/// <summary>
/// The Zos node image as <c>zos image build -o DIR</c> writes it: <c>zos-node.vmlinuz</c> (Debian's kernel, an EFI-stub
/// bzImage), <c>zos-node.initramfs</c> and <c>manifest.json</c> listing every file with its size and sha256.
/// <see cref="Open"/> checks both files against the manifest, so a boot server or a medium never hands nodes a
/// half-copied or stale image.
/// </summary>
public sealed class NodeImageDirectory
{
    public const string KernelFile = "zos-node.vmlinuz";
    public const string InitrdFile = "zos-node.initramfs";
    public const string ManifestFile = "manifest.json";

    /// <summary>
    /// The image's own kernel arguments, added unless the farm names them: the console on the screen and on the first
    /// serial port (the last <c>console=</c> becomes /dev/console, so the serial port a VM logs), and <c>zos-state=auto</c>
    /// (init formats the first blank disk as the ZOS-STATE disk that keeps the node's identity).
    /// </summary>
    public static IReadOnlyList<string> KernelArguments { get; } = ["console=tty0", "console=ttyS0,115200", "zos-state=auto"];

    private NodeImageDirectory(string directory, long kernelSize, long initrdSize, string? kernelVersion)
    {
        Directory = directory;
        KernelSize = kernelSize;
        InitrdSize = initrdSize;
        KernelVersion = kernelVersion;
    }

    public string Directory { get; }

    public string KernelPath => Path.Combine(Directory, KernelFile);

    public string InitrdPath => Path.Combine(Directory, InitrdFile);

    public long KernelSize { get; }

    public long InitrdSize { get; }

    public string? KernelVersion { get; }

    /// <summary>
    /// Opens and verifies <paramref name="directory"/>. Throws <see cref="NodeImageException"/> saying which file is
    /// missing or what differs from the manifest (callers prefix the option or field that named the directory).
    /// </summary>
    public static NodeImageDirectory Open(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
            throw new NodeImageException($"'{directory}' is not a directory (build the image with: zos image build -o {directory})");
        foreach (var name in new[] { KernelFile, InitrdFile, ManifestFile })
        {
            if (!File.Exists(Path.Combine(full, name)))
                throw new NodeImageException($"'{directory}' has no {name} (not a node image directory; zos image build -o DIR writes it)");
        }
        var manifestPath = Path.Combine(full, ManifestFile);
        Dictionary<string, (long? Size, string? Sha256)> listed;
        string? kernelVersion;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            (listed, kernelVersion) = ReadManifest(document.RootElement, manifestPath);
        }
        catch (JsonException e)
        {
            throw new NodeImageException($"{manifestPath} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new NodeImageException($"cannot read {manifestPath}: {e.Message}", e);
        }
        var sizes = new Dictionary<string, long>();
        foreach (var name in new[] { KernelFile, InitrdFile })
        {
            if (!listed.TryGetValue(name, out var entry) || entry.Size is null || entry.Sha256 is null)
                throw new NodeImageException($"{manifestPath} has no entry with size and sha256 for {name}");
            var path = Path.Combine(full, name);
            var size = new FileInfo(path).Length;
            if (size != entry.Size)
                throw new NodeImageException($"{path} is {size} bytes, {ManifestFile} says {entry.Size} (an incomplete copy, or another image's file)");
            string actual;
            using (var stream = File.OpenRead(path))
                actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new NodeImageException($"{path} has sha256 {actual}, {ManifestFile} says {entry.Sha256}");
            sizes[name] = size;
        }
        return new NodeImageDirectory(full, sizes[KernelFile], sizes[InitrdFile], kernelVersion);
    }

    private static (Dictionary<string, (long? Size, string? Sha256)> Files, string? KernelVersion) ReadManifest(JsonElement root, string manifestPath)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            throw new NodeImageException($"{manifestPath} has no \"files\" list");
        var listed = new Dictionary<string, (long?, string?)>(StringComparer.Ordinal);
        foreach (var file in files.EnumerateArray())
        {
            if (file.ValueKind != JsonValueKind.Object || !file.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
                continue;
            long? size = file.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
            string? sha = file.TryGetProperty("sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            listed[path.GetString()!] = (size, sha);
        }
        var version = root.TryGetProperty("kernelVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return (listed, version);
    }
}
