using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Zos.Linux.Interop;

namespace Zos.Linux.Namespaces;

/// <summary>
/// An open network namespace (an fd on its nsfs inode), plus the named-namespace operations of <c>ip netns</c>:
/// the same files under <see cref="RunDirectory"/>, bind mounts of a namespace that a dedicated thread unshared,
/// so operators can inspect ours with iproute2 and we can open theirs.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>Where iproute2 keeps named namespaces (NETNS_RUN_DIR).</summary>
    public const string RunDirectory = "/run/netns";

    private NetworkNamespace(SafeFileHandle handle, string? name, string path)
    {
        Handle = handle;
        Name = name;
        Path = path;
    }

    /// <summary>The namespace's name under /run/netns, or null when opened by pid or as the current one.</summary>
    public string? Name { get; }

    /// <summary>The file the namespace was opened from.</summary>
    public string Path { get; }

    /// <summary>The open fd (for IFLA_NET_NS_FD and setns).</summary>
    internal SafeFileHandle Handle { get; }

    /// <summary>The nsfs inode number: two handles with the same inode are the same namespace.</summary>
    public unsafe ulong Inode
    {
        get
        {
            // /proc/self/fd/N of a bind-mounted namespace reads as the mount path, so ask fstat for st_ino.
            var stat = stackalloc byte[256];
            if (LibC.fstat((int)Handle.DangerousGetHandle(), stat) != 0)
                throw new SystemCallException($"stat namespace {Label}", LibC.LastErrno);
            return *(ulong*)(stat + 8);
        }
    }

    /// <summary>A short label for messages: the name, or the path.</summary>
    public string Label => Name ?? Path;

    /// <summary>Opens the named namespace /run/netns/<paramref name="name"/>.</summary>
    public static NetworkNamespace Open(string name)
    {
        ValidateName(name);
        var path = System.IO.Path.Combine(RunDirectory, name);
        return new NetworkNamespace(OpenFile(path, $"open namespace {name}"), name, path);
    }

    /// <summary>Opens the network namespace bind-mounted (or linked) at <paramref name="path"/>, e.g. /proc/PID/ns/net.</summary>
    public static NetworkNamespace OpenPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new NetworkNamespace(OpenFile(path, $"open namespace {path}"), null, path);
    }

    /// <summary>Opens <paramref name="nameOrPath"/>: a path when it contains '/', else a name under /run/netns.</summary>
    public static NetworkNamespace OpenNameOrPath(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        return nameOrPath.Contains('/', StringComparison.Ordinal) ? OpenPath(nameOrPath) : Open(nameOrPath);
    }

    /// <summary>Opens the network namespace of process <paramref name="pid"/> (/proc/PID/ns/net).</summary>
    public static NetworkNamespace OpenProcess(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net";
        return new NetworkNamespace(OpenFile(path, $"open namespace of process {pid}"), null, path);
    }

    /// <summary>Opens the calling thread's current network namespace (/proc/thread-self/ns/net).</summary>
    public static NetworkNamespace OpenCurrent()
    {
        const string path = "/proc/thread-self/ns/net";
        return new NetworkNamespace(OpenFile(path, "open current namespace"), null, path);
    }

    /// <summary>The nsfs inode of the calling thread's network namespace.</summary>
    public static ulong CurrentThreadInode => ReadInode("/proc/thread-self/ns/net");

    /// <summary>Whether /run/netns/<paramref name="name"/> exists.</summary>
    public static bool Exists(string name)
    {
        ValidateName(name);
        return File.Exists(System.IO.Path.Combine(RunDirectory, name));
    }

    /// <summary>
    /// The nsfs inode of /run/netns/<paramref name="name"/>, or null when there is no such file: a namespace deleted
    /// and created again under the same name has a new inode, so a handle kept on the old one can be told stale.
    /// </summary>
    public static unsafe ulong? InodeOf(string name)
    {
        ValidateName(name);
        var fd = LibC.open(System.IO.Path.Combine(RunDirectory, name), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return LibC.LastErrno == LibC.ENOENT ? null : throw new SystemCallException($"open namespace {name}", LibC.LastErrno);
        try
        {
            var stat = stackalloc byte[256];
            if (LibC.fstat(fd, stat) != 0)
                throw new SystemCallException($"stat namespace {name}", LibC.LastErrno);
            return *(ulong*)(stat + 8);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>The names under /run/netns, sorted (what <c>ip netns list</c> shows).</summary>
    public static IReadOnlyList<string> List()
    {
        if (!Directory.Exists(RunDirectory))
            return [];
        var names = Directory.GetFiles(RunDirectory).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Creates a named namespace as <c>ip netns add</c> does: /run/netns made a shared mount point, an empty file
    /// /run/netns/NAME, a fresh namespace unshared on a dedicated thread and bind-mounted onto the file.
    /// Throws <see cref="SystemCallException"/> (EEXIST when the name is taken). Returns the open namespace.
    /// </summary>
    public static NetworkNamespace Create(string name)
    {
        ValidateName(name);
        var operation = $"create namespace {name}";
        PrepareRunDirectory(operation);
        var path = System.IO.Path.Combine(RunDirectory, name);
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            throw new SystemCallException(operation, LibC.LastErrno);
        LibC.close(fd);
        var errno = NamespaceThread.RunInNewNamespace(operation, () =>
        {
            // Only raw calls here: this thread is inside the new namespace.
            var source = $"/proc/self/task/{LibC.gettid().ToString(CultureInfo.InvariantCulture)}/ns/net";
            return LibC.mount(source, path, "none", LibC.MS_BIND, 0) == 0 ? 0 : LibC.LastErrno;
        });
        if (errno != 0)
        {
            LibC.unlink(path);
            throw new SystemCallException($"{operation}: bind mount", errno);
        }
        return Open(name);
    }

    /// <summary>Creates the namespace unless it exists; returns it open either way.</summary>
    public static NetworkNamespace Ensure(string name)
    {
        try
        {
            return Create(name);
        }
        catch (SystemCallException e) when (e.Errno == LibC.EEXIST)
        {
            return Open(name);
        }
    }

    /// <summary>Deletes a named namespace as <c>ip netns delete</c> does (lazy unmount, unlink). ENOENT when absent.</summary>
    public static void Delete(string name)
    {
        ValidateName(name);
        var path = System.IO.Path.Combine(RunDirectory, name);
        // EINVAL: not a mount point (a stale file); unlink it anyway.
        if (LibC.umount2(path, LibC.MNT_DETACH) != 0 && LibC.LastErrno is var errno && errno != LibC.EINVAL)
            throw new SystemCallException(errno == LibC.ENOENT ? $"delete namespace {name}" : $"delete namespace {name}: unmount", errno);
        if (LibC.unlink(path) != 0)
            throw new SystemCallException($"delete namespace {name}", LibC.LastErrno);
    }

    /// <summary>Deletes the namespace if it exists; returns whether it did.</summary>
    public static bool EnsureDeleted(string name)
    {
        try
        {
            Delete(name);
            return true;
        }
        catch (SystemCallException e) when (e.Errno == LibC.ENOENT)
        {
            return false;
        }
    }

    /// <summary>A second handle on the same namespace (dup), owned by the caller.</summary>
    public NetworkNamespace Duplicate() => new(OpenFile($"/proc/self/fd/{Handle.DangerousGetHandle()}", $"duplicate namespace {Label}"), Name, Path);

    /// <summary>Closes the fd (the namespace lives on while mounted or used).</summary>
    public void Dispose() => Handle.Dispose();

    /// <summary>Runs raw-syscall-only work on a dedicated thread inside this namespace.</summary>
    internal T Run<T>(string operation, Func<T> rawWork) => NamespaceThread.Run(Handle, operation, rawWork);

    /// <summary>Checks a namespace name as iproute2 does: a single path component, at most 255 bytes.</summary>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 255 || name == "." || name == ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"namespace name '{name}' is invalid (one path component, 1..255 characters, no '/')", nameof(name));
    }

    private static void PrepareRunDirectory(string operation)
    {
        if (LibC.mkdir(RunDirectory, 0x1ED /* 0755 */) != 0 && LibC.LastErrno != LibC.EEXIST)
            throw new SystemCallException($"{operation}: mkdir {RunDirectory}", LibC.LastErrno);
        // iproute2 netns_add: make /run/netns a shared mount point so mounts propagate to (and from) other mount
        // namespaces; if it is not yet a mount point (EINVAL), bind it onto itself first.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (LibC.mount("none", RunDirectory, "none", LibC.MS_SHARED | LibC.MS_REC, 0) == 0)
                return;
            var errno = LibC.LastErrno;
            if (errno != LibC.EINVAL || attempt == 1)
                throw new SystemCallException($"{operation}: make {RunDirectory} shared", errno);
            if (LibC.mount(RunDirectory, RunDirectory, "none", LibC.MS_BIND | LibC.MS_REC, 0) != 0)
                throw new SystemCallException($"{operation}: bind {RunDirectory}", LibC.LastErrno);
        }
    }

    private static SafeFileHandle OpenFile(string path, string operation)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            throw new SystemCallException(operation, LibC.LastErrno);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static ulong ReadInode(string link)
    {
        // nsfs links read "net:[4026531833]".
        var target = new FileInfo(link).LinkTarget ?? throw new IOException($"{link} is not a namespace link");
        var open = target.IndexOf('[', StringComparison.Ordinal);
        var close = target.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close <= open)
            throw new IOException($"{link} points to '{target}', not a namespace");
        return ulong.Parse(target.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture);
    }
}
