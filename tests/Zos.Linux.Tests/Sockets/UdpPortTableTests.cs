using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Linux.Namespaces;
using Zos.Linux.Sockets;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Sockets;

public class UdpPortTableTests
{
    // Captured from this kernel's /proc/net/udp and udp6 (a resolver on 127.0.0.53:53, wireguard-go on 51820, a client socket).
    private const string Udp4 =
        "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops             \n" +
        "  356: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 15224 2 0000000000000000 0         \n" +
        " 1041: 00000000:CA6C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 40211 2 0000000000000000 0         \n" +
        " 2001: 0100007F:E2F1 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 40999 2 0000000000000000 0         \n";

    private const string Udp6 =
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
        " 1041: 00000000000000000000000000000000:CA6C 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 40212 2 0000000000000000 0\n";

    [Fact]
    public void ParseLocalPorts_CapturedTables_EveryLocalPort()
    {
        Assert.Equal([53, 51820, 58097], UdpPortTable.ParseLocalPorts(Udp4).Order());
        Assert.Equal([51820], UdpPortTable.ParseLocalPorts(Udp6));
    }

    [Fact]
    public void ParseLocalPorts_HeaderOnly_Empty() => Assert.Empty(UdpPortTable.ParseLocalPorts(Udp4.Split('\n')[0] + "\n"));

    [Fact]
    public void ParseLocalPorts_NotTheTable_ErrorNamesTheLine()
    {
        var e = Assert.Throws<FormatException>(() => UdpPortTable.ParseLocalPorts("header\n  1: nonsense\n"));
        Assert.Equal("UDP socket table line 2 is not 'sl local_address ...' with a hex port: '1: nonsense'", e.Message);
    }

    [Fact]
    public void ReadBoundPorts_SocketInTheNamespace_SeenThere_NotInAnother()
    {
        Require.Privileged("ip", "nc");
        using var a = new ScratchNamespace("udpa");
        using var b = new ScratchNamespace("udpb");
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip", ["netns", "exec", a.Name, "nc", "-u", "-l", "40404"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!UdpPortTable.ReadBoundPorts(a.Namespace).Contains(40404))
            {
                Assert.True(DateTime.UtcNow < deadline, "port 40404 held by nc never showed in its namespace");
                Thread.Sleep(50);
            }
            Assert.DoesNotContain(40404, UdpPortTable.ReadBoundPorts(b.Namespace));
            // A socket of this process (in the test's own namespace) is not seen inside the scratch namespace.
            using var own = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            own.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var ownPort = ((IPEndPoint)own.LocalEndPoint!).Port;
            using var current = NetworkNamespace.OpenCurrent();
            Assert.Contains(ownPort, UdpPortTable.ReadBoundPorts(current));
            Assert.DoesNotContain(ownPort, UdpPortTable.ReadBoundPorts(a.Namespace));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }
}
