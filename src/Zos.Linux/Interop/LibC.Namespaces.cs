using System.Runtime.InteropServices;

namespace Zos.Linux.Interop;

/// <summary>Namespace and mount system calls (sched.h, sys/mount.h).</summary>
internal static partial class LibC
{
    public const int CLONE_NEWNET = 0x40000000;
    public const ulong MS_BIND = 0x1000;
    public const ulong MS_REC = 0x4000;
    public const ulong MS_SHARED = 1 << 20;
    public const int MNT_DETACH = 2;
    public const int SYS_gettid = 186; // x86_64

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int gettid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? fileSystemType, ulong flags, nint data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);
}
