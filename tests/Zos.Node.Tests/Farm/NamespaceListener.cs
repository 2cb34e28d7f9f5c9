using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// A TCP listening socket created inside a named network namespace, used from this (root namespace) process.
/// The socket is made on a dedicated thread that setns(2)es and does only raw syscalls, then wrapped on the caller's
/// thread (linux-on-this-machine.md §1: a managed Socket or Task on a setns'd thread drags the runtime's helper
/// threads into that namespace; warming them up first in the root namespace avoids it).
/// </summary>
internal static partial class NamespaceListener
{
    private const int AfInet6 = 10;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int SolSocket = 1;
    private const int SoReuseaddr = 2;
    private const int IpprotoIpv6 = 41;
    private const int Ipv6V6only = 26;
    private const int CloneNewnet = 0x40000000;
    private const int ORdonly = 0;
    private const int ShutRdwr = 2;
    private const int OCloexec = 0x80000;

    private static readonly Lazy<bool> s_warm = new(WarmUp);

    /// <summary>A listener on [::]:<paramref name="port"/> (dual-stack) in <paramref name="netns"/>.</summary>
    public static Socket Listen(string netns, int port) => new(new SafeSocketHandle(ListenFd(netns, port), ownsHandle: true));

    /// <summary>The raw fd of a listener on [::]:<paramref name="port"/> in <paramref name="netns"/>; the caller owns it (e.g. Kestrel's ListenHandle).</summary>
    public static int ListenFd(string netns, int port)
    {
        _ = s_warm.Value;
        var fd = -1;
        string? error = null;
        var thread = new Thread(() =>
        {
            var nsFd = Open($"/run/netns/{netns}", ORdonly | OCloexec);
            if (nsFd < 0)
            {
                error = $"open /run/netns/{netns}: errno {Marshal.GetLastPInvokeError()}";
                return;
            }
            if (Setns(nsFd, CloneNewnet) != 0)
            {
                error = $"setns {netns}: errno {Marshal.GetLastPInvokeError()}";
                Close(nsFd);
                return;
            }
            Close(nsFd);
            var s = SocketSyscall(AfInet6, SockStream | SockCloexec, 0);
            if (s < 0)
            {
                error = $"socket: errno {Marshal.GetLastPInvokeError()}";
                return;
            }
            var one = 1;
            var zero = 0;
            SetSockOpt(s, SolSocket, SoReuseaddr, ref one, sizeof(int));
            SetSockOpt(s, IpprotoIpv6, Ipv6V6only, ref zero, sizeof(int));
            var addr = new byte[28];
            BitConverter.TryWriteBytes(addr.AsSpan(0, 2), (ushort)AfInet6);
            addr[2] = (byte)(port >> 8);
            addr[3] = (byte)port;
            if (Bind(s, addr, addr.Length) != 0 || ListenSyscall(s, 64) != 0)
            {
                error = $"bind/listen [::]:{port} in {netns}: errno {Marshal.GetLastPInvokeError()}";
                Close(s);
                return;
            }
            fd = s;
        });
        thread.Start();
        thread.Join();
        if (error is not null)
            throw new InvalidOperationException(error);
        return fd;
    }

    /// <summary>A second fd for the same socket (dup(2)), for an owner that may or may not close its copy.</summary>
    public static int Duplicate(int fd)
    {
        var copy = Dup(fd);
        return copy >= 0 ? copy : throw new InvalidOperationException($"dup({fd}): errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Stops a listening socket for every fd sharing it (shutdown(2): new connections are refused), then closes this fd.</summary>
    public static void ShutdownAndClose(int fd)
    {
        _ = Shutdown(fd, ShutRdwr);
        _ = Close(fd);
    }

    private static bool WarmUp()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var receive = udp.ReceiveAsync(new byte[1]);
        Task.Delay(1).Wait();
        Task.Run(() => { }).Wait();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), io);
        udp.Close();
        try
        {
            receive.Wait(100);
        }
        catch (AggregateException)
        {
            // Closed under the pending receive: expected.
        }
        return true;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int Setns(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketSyscall(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte[] addr, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int ListenSyscall(int fd, int backlog);
}
