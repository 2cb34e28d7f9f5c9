using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Zos.Linux.Dhcp;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;

namespace Zos.Linux.Sockets;

/// <summary>
/// An IPv4 UDP socket for a server that answers clients without an address (DHCP, RFC 2131 §4.1): bound to
/// 0.0.0.0:port (such a client sends from 0.0.0.0 to 255.255.255.255, which only a wildcard bind receives), with
/// SO_REUSEADDR and SO_BROADCAST, SO_BINDTODEVICE to one interface so broadcasts go out and come in there only, and
/// IP_PKTINFO so each datagram tells which interface it came on (socket(7), ip(7)).
/// In another namespace the socket is made on a <see cref="NamespaceThread"/> with raw system calls only: a managed
/// socket made there would start the runtime's socket and pool threads inside that namespace.
/// </summary>
public static class BroadcastUdpSocket
{
    /// <summary>
    /// Opens the socket in <paramref name="networkNamespace"/> (null: the calling thread's), bound to
    /// <paramref name="interfaceName"/> when given (null: every interface). Port 0 picks a free port.
    /// Throws <see cref="SystemCallException"/> naming the step that failed.
    /// </summary>
    public static Socket Open(int port, string? interfaceName = null, NetworkNamespace? networkNamespace = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (interfaceName is not null)
            InterfaceNameRules.Validate(interfaceName, nameof(interfaceName));
        var operation = $"open udp 0.0.0.0:{port} on interface '{interfaceName ?? "*"}'" + (networkNamespace is null ? "" : $" in namespace {networkNamespace.Label}");
        // SO_BINDTODEVICE takes a NUL-terminated name; encoded here, not on the namespace thread.
        var device = interfaceName is null ? null : Encoding.ASCII.GetBytes(interfaceName + "\0");
        var (fd, failedStep, errno) = networkNamespace is null
            ? OpenRaw(port, device)
            : networkNamespace.Run(operation, () => OpenRaw(port, device));
        if (fd < 0)
            throw new SystemCallException($"{operation}: {failedStep}", errno);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>socket, setsockopt and bind only, so that it is safe on a setns'd thread; the fd, or the step that failed and its errno.</summary>
    private static unsafe (int Fd, string? FailedStep, int Errno) OpenRaw(int port, byte[]? device)
    {
        var fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
            return (-1, "socket", LibC.LastErrno);
        var one = 1;
        string? step = null;
        if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, in one, sizeof(int)) != 0)
        {
            step = "SO_REUSEADDR";
        }
        else if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BROADCAST, in one, sizeof(int)) != 0)
        {
            step = "SO_BROADCAST";
        }
        else if (LibC.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_PKTINFO, in one, sizeof(int)) != 0)
        {
            step = "IP_PKTINFO";
        }
        else if (device is not null && SetDevice(fd, device) != 0)
        {
            step = "SO_BINDTODEVICE";
        }
        else
        {
            var address = new LibC.SockAddrInet
            {
                Family = LibC.AF_INET,
                PortNetworkOrder = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)port) : (ushort)port,
            };
            if (LibC.bind_inet(fd, in address, sizeof(LibC.SockAddrInet)) != 0)
                step = "bind";
        }
        if (step is null)
            return (fd, null, 0);
        var errno = LibC.LastErrno;
        LibC.close(fd);
        return (-1, step, errno);
    }

    private static unsafe int SetDevice(int fd, byte[] device)
    {
        fixed (byte* name = device)
            return LibC.setsockopt_bytes(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, device.Length);
    }
}
