using System.Runtime.InteropServices;

namespace Zos.Boot.Dhcp;

/// <summary>The few libc calls needed to open a UDP socket inside another network namespace (setns(2) is per thread).</summary>
internal static class DhcpSocketInterop
{
    public const int AfInet = 2;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoReuseAddr = 2;
    public const int SoBroadcast = 6;
    public const int SoBindToDevice = 25;
    public const int OReadOnly = 0;
    public const int OCloexec = 0x80000;
    public const int CloneNewNet = 0x40000000;

    [DllImport("libc", SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    public static extern int setsockopt(int fd, int level, int name, byte[] value, int length);

    [DllImport("libc", SetLastError = true)]
    public static extern int bind(int fd, byte[] address, int length);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);
}
