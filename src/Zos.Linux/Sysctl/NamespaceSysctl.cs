using System.Text;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;

namespace Zos.Linux.Sysctl;

/// <summary>
/// Reads and writes per-namespace sysctls (/proc/sys/net/...). Which namespace's value a /proc/sys/net file shows is
/// decided by the opening thread's namespace, so the open/read/write happens with raw system calls on a dedicated
/// thread that entered the namespace (a managed FileStream could start runtime threads there).
/// </summary>
public static class NamespaceSysctl
{
    private const int MaxValueBytes = 4096;

    /// <summary>Reads a sysctl such as "net.ipv6.conf.all.forwarding" (or "net/ipv6/conf/eth0.100/forwarding"); trailing newline removed.</summary>
    public static string Read(NetworkNamespace ns, string key)
    {
        var path = ToPath(key);
        var operation = $"read sysctl {key} in {ns.Label}";
        var (errno, value) = ns.Run(operation, () => ReadRaw(path));
        if (errno != 0)
            throw new SystemCallException(operation, errno);
        return value.TrimEnd('\n');
    }

    /// <summary>Writes a sysctl value in the namespace.</summary>
    public static void Write(NetworkNamespace ns, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"sysctl value '{value}' must be a single line", nameof(value));
        var path = ToPath(key);
        var bytes = Encoding.ASCII.GetBytes(value);
        var operation = $"write sysctl {key}={value} in {ns.Label}";
        var errno = ns.Run(operation, () => WriteRaw(path, bytes));
        if (errno != 0)
            throw new SystemCallException(operation, errno);
    }

    /// <summary>
    /// Writes several sysctls in the namespace in order, on one dedicated thread (one namespace switch instead of one
    /// per value); stops at the first failure, naming that key and value.
    /// </summary>
    public static void WriteAll(NetworkNamespace ns, IReadOnlyList<(string Key, string Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var writes = values.Select(v =>
        {
            if (v.Value is null || v.Value.Contains('\n', StringComparison.Ordinal) || v.Value.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException($"sysctl value '{v.Value}' of {v.Key} must be a single line", nameof(values));
            return (v.Key, v.Value, Path: ToPath(v.Key), Bytes: Encoding.ASCII.GetBytes(v.Value));
        }).ToList();
        var (errno, failed) = ns.Run($"write {writes.Count} sysctls in {ns.Label}", () =>
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var e = WriteRaw(writes[i].Path, writes[i].Bytes);
                if (e != 0)
                    return (e, i);
            }
            return (0, -1);
        });
        if (errno != 0)
            throw new SystemCallException($"write sysctl {writes[failed].Key}={writes[failed].Value} in {ns.Label}", errno);
    }

    /// <summary>
    /// Maps a key to its /proc/sys path. Dotted keys use '.' as separator; keys containing '/' are taken as paths
    /// (needed for interface names with dots). Only per-namespace "net" keys are accepted.
    /// </summary>
    public static string ToPath(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var relative = key.Contains('/', StringComparison.Ordinal) ? key : key.Replace('.', '/');
        var parts = relative.Split('/');
        if (parts.Length < 2 || parts[0] != "net" || parts.Any(p => p.Length == 0 || p == "." || p == ".."))
            throw new ArgumentException($"sysctl key '{key}' is not a per-namespace key under net (e.g. net.ipv4.ip_forward)", nameof(key));
        return "/proc/sys/" + relative;
    }

    private static unsafe (int Errno, string Value) ReadRaw(string path)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return (LibC.LastErrno, "");
        var buffer = new byte[MaxValueBytes];
        nint n;
        fixed (byte* p = buffer)
            n = LibC.read(fd, p, buffer.Length);
        var errno = n < 0 ? LibC.LastErrno : 0;
        LibC.close(fd);
        return errno != 0 ? (errno, "") : (0, Encoding.ASCII.GetString(buffer, 0, (int)n));
    }

    private static unsafe int WriteRaw(string path, byte[] value)
    {
        var fd = LibC.open(path, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return LibC.LastErrno;
        nint n;
        fixed (byte* p = value)
            n = LibC.write(fd, p, value.Length);
        var errno = n < 0 ? LibC.LastErrno : 0;
        LibC.close(fd);
        return errno;
    }
}
