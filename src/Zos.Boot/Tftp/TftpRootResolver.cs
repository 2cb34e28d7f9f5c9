using Zos.Protocols.Tftp;

namespace Zos.Boot.Tftp;

/// <summary>
/// Maps a requested file name to a regular file under the served root, refusing everything that could leave it:
/// absolute paths, backslashes, ".." segments, NUL and control characters (already refused by the codec), and
/// symbolic links (at any level) whose target lies outside the root. Links that stay inside the root are followed.
/// </summary>
public sealed class TftpRootResolver
{
    private readonly string _root;

    public TftpRootResolver(string root)
    {
        _root = Canonical(Path.GetFullPath(root), 0)
                ?? throw new ArgumentException($"the TFTP root '{root}' cannot be resolved (link loop?)", nameof(root));
    }

    public string Root => _root;

    public TftpPathResult Resolve(string requested)
    {
        if (requested.Length == 0)
            return Denied("empty file name");
        if (requested.Contains('\0', StringComparison.Ordinal) || requested.Any(char.IsControl))
            return Denied("control characters in file name");
        if (requested.StartsWith('/'))
            return Denied($"absolute path '{requested}' (names are relative to the served directory)");
        if (requested.Contains('\\', StringComparison.Ordinal))
            return Denied($"backslash in '{requested}'");
        var segments = requested.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
            return Denied($"'..' in '{requested}'");
        var current = Canonical(Path.Combine(_root, requested), 0);
        if (current is null || !IsInsideRoot(current))
            return Denied($"'{requested}' leads outside the served directory");
        if (!File.Exists(current) || Directory.Exists(current))
            return new TftpPathResult(null, TftpErrorCode.FileNotFound, $"'{requested}' not found");
        return new TftpPathResult(current, TftpErrorCode.NotDefined, null);
    }

    private bool IsInsideRoot(string path) =>
        _root == "/" || path == _root || path.StartsWith(_root + "/", StringComparison.Ordinal);

    private static TftpPathResult Denied(string why) => new(null, TftpErrorCode.AccessViolation, why);

    /// <summary>
    /// The path with every symbolic link (at any level) replaced by its target and "." / ".." folded, like
    /// realpath(3) but tolerant of a missing last component; null for a link loop or an unreadable link.
    /// </summary>
    internal static string? Canonical(string path, int depth)
    {
        // Linux gives up after 40 links (MAXSYMLINKS); so do we.
        if (depth > 40)
            return null;
        var current = "/";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            var resolved = Canonical(target.StartsWith('/') ? target : Path.Combine(current, target), depth + 1);
            if (resolved is null)
                return null;
            current = resolved;
        }
        return current;
    }
}
