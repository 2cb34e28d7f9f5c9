using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Zos.Boot.Dhcp;

/// <summary>
/// Opens the server's UDP socket: 0.0.0.0:port (a client without an address sends from 0.0.0.0 to 255.255.255.255,
/// which only a wildcard bind receives), SO_BINDTODEVICE to one interface so broadcasts go out and come in there
/// only, SO_BROADCAST, and IP_PKTINFO so each datagram tells which interface it came on.
/// In another namespace the socket is made on a short-lived dedicated thread with raw syscalls only: a managed Socket
/// made there would start the runtime's socket and pool threads inside that namespace (linux-on-this-machine.md §1).
/// </summary>
internal static class DhcpSocketFactory
{
    public static Socket Create(int port, string? interfaceName, string? networkNamespace)
    {
        var socket = networkNamespace is null ? CreateHere(port, interfaceName) : CreateInNamespace(port, interfaceName, networkNamespace);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket CreateHere(int port, string? interfaceName)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.EnableBroadcast = true;
            if (interfaceName is not null)
                socket.SetRawSocketOption(DhcpSocketInterop.SolSocket, DhcpSocketInterop.SoBindToDevice, DeviceName(interfaceName));
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"DHCP: cannot open udp 0.0.0.0:{port} on interface '{interfaceName ?? "*"}': {e.Message}", e);
        }
    }

    private static Socket CreateInNamespace(int port, string? interfaceName, string networkNamespace)
    {
        var path = networkNamespace.Contains('/', StringComparison.Ordinal) ? networkNamespace : $"/run/netns/{networkNamespace}";
        var fd = -1;
        string? failure = null;
        var thread = new Thread(() =>
        {
            var ns = DhcpSocketInterop.open(path, DhcpSocketInterop.OReadOnly | DhcpSocketInterop.OCloexec);
            if (ns < 0)
            {
                failure = $"open {path}: errno {Marshal.GetLastPInvokeError()}";
                return;
            }
            var entered = DhcpSocketInterop.setns(ns, DhcpSocketInterop.CloneNewNet);
            var setnsErrno = Marshal.GetLastPInvokeError();
            DhcpSocketInterop.close(ns);
            if (entered != 0)
            {
                failure = $"setns {path}: errno {setnsErrno}";
                return;
            }
            fd = OpenRaw(port, interfaceName, out failure);
        })
        { IsBackground = true, Name = "dhcp-netns-socket" };
        thread.Start();
        thread.Join();
        if (fd < 0)
            throw new InvalidOperationException($"DHCP: cannot open udp 0.0.0.0:{port} on interface '{interfaceName ?? "*"}' in namespace '{networkNamespace}': {failure}");
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    private static int OpenRaw(int port, string? interfaceName, out string? failure)
    {
        failure = null;
        var fd = DhcpSocketInterop.socket(DhcpSocketInterop.AfInet, DhcpSocketInterop.SockDgram | DhcpSocketInterop.SockCloexec, 0);
        if (fd < 0)
        {
            failure = $"socket: errno {Marshal.GetLastPInvokeError()}";
            return -1;
        }
        var one = BitConverter.GetBytes(1);
        string? step = null;
        if (DhcpSocketInterop.setsockopt(fd, DhcpSocketInterop.SolSocket, DhcpSocketInterop.SoReuseAddr, one, 4) != 0)
            step = "SO_REUSEADDR";
        else if (DhcpSocketInterop.setsockopt(fd, DhcpSocketInterop.SolSocket, DhcpSocketInterop.SoBroadcast, one, 4) != 0)
            step = "SO_BROADCAST";
        else if (interfaceName is not null && DhcpSocketInterop.setsockopt(fd, DhcpSocketInterop.SolSocket, DhcpSocketInterop.SoBindToDevice, DeviceName(interfaceName), interfaceName.Length + 1) != 0)
            step = "SO_BINDTODEVICE";
        else
        {
            // struct sockaddr_in: family (host order), port (network order), address 0.0.0.0, 8 bytes of zero.
            var address = new byte[16];
            BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)DhcpSocketInterop.AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(2, 2), (ushort)port);
            if (DhcpSocketInterop.bind(fd, address, address.Length) != 0)
                step = "bind";
        }
        if (step is null)
            return fd;
        failure = $"{step}: errno {Marshal.GetLastPInvokeError()}";
        DhcpSocketInterop.close(fd);
        return -1;
    }

    private static byte[] DeviceName(string name) => Encoding.ASCII.GetBytes(name + "\0");
}
