using System.Runtime.InteropServices;

namespace Zos.Linux.Interop;

/// <summary>
/// Raw socket system calls: those the managed <see cref="System.Net.Sockets.Socket"/> cannot make for AF_NETLINK, and
/// those a thread inside another network namespace must make instead of creating a managed socket there.
/// </summary>
internal static partial class LibC
{
    public const int AF_INET = 2;
    public const int AF_NETLINK = 16;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_ROUTE = 0;
    public const int NETLINK_NETFILTER = 12;
    public const int SOL_SOCKET = 1;
    public const int SO_REUSEADDR = 2;
    public const int SO_BROADCAST = 6;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVTIMEO = 20;
    public const int SO_BINDTODEVICE = 25;
    public const int SO_RCVBUFFORCE = 33;
    public const int IPPROTO_IP = 0;
    public const int IP_PKTINFO = 8;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_ADD_MEMBERSHIP = 1;
    public const int NETLINK_CAP_ACK = 10;
    public const int NETLINK_EXT_ACK = 11;
    public const int NETLINK_GET_STRICT_CHK = 12;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_DONTWAIT = 0x40;

    /// <summary>struct sockaddr_nl (linux/netlink.h): family, pad, port id, multicast group bitmask.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrNetlink
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    /// <summary>struct sockaddr_in (netinet/in.h): family in host order, port and address in network order, 8 bytes of zero.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrInet
    {
        public ushort Family;
        public ushort PortNetworkOrder;
        public uint AddressNetworkOrder;
        public ulong Zero;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, in SockAddrNetlink address, int addressLength);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int bind_inet(int fd, in SockAddrInet address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, in int value, int valueLength);

    /// <summary>struct timeval (64-bit): seconds and microseconds.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeValue
    {
        public long Seconds;
        public long Microseconds;
    }

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int setsockopt_bytes(int fd, int level, int name, byte* value, int valueLength);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int setsockopt_timeval(int fd, int level, int name, in TimeValue value, int valueLength);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint recv(nint fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint send(nint fd, byte* buffer, nint length, int flags);
}
