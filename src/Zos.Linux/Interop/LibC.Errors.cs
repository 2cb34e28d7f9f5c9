using System.Runtime.InteropServices;

namespace Zos.Linux.Interop;

/// <summary>errno values and their names (asm-generic/errno-base.h, errno.h).</summary>
internal static partial class LibC
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOBUFS = 105;
    public const int EOPNOTSUPP = 95;
    public const int EADDRNOTAVAIL = 99;
    public const int ESRCH = 3;

    /// <summary>The last errno of the calling thread as recorded by a SetLastError import.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();

    /// <summary>"File exists (EEXIST)": the C library's text plus the symbolic name.</summary>
    public static string Describe(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        var name = ErrnoName(errno);
        return name is null ? $"{text} (errno {errno})" : $"{text} ({name})";
    }

    /// <summary>The symbolic name of common errno values, or null.</summary>
    public static string? ErrnoName(int errno) => errno switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        16 => "EBUSY",
        17 => "EEXIST",
        19 => "ENODEV",
        22 => "EINVAL",
        34 => "ERANGE",
        90 => "EMSGSIZE",
        93 => "EPROTONOSUPPORT",
        95 => "EOPNOTSUPP",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        101 => "ENETUNREACH",
        105 => "ENOBUFS",
        110 => "ETIMEDOUT",
        _ => null,
    };
}
