using System.Net;
using Xunit;
using Zos.Boot.Dhcp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;
using Zos.Testing;

namespace Zos.Boot.Tests.Dhcp;

/// <summary>
/// Our DHCP server against clients nobody here wrote: busybox udhcpc and ISC dhclient, each in its own namespace on a
/// test bridge. They get their reserved addresses, renew them (10 s leases, T1 = 5 s), and an unknown MAC gets nothing.
/// </summary>
public sealed class DhcpRealClientTests
{
    private static readonly MacAddress UdhcpcMac = MacAddress.Parse("02:77:00:00:00:01");
    private static readonly MacAddress DhclientMac = MacAddress.Parse("02:77:00:00:00:02");

    private static DhcpServerOptions Farm(DhcpServerOptions o) => o with
    {
        Config = o.Config with
        {
            Subnets =
            [
                new DhcpSubnet(IPNetwork.Parse("10.77.0.0/24"), IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.199"),
                    IPAddress.Parse("10.77.0.1"), [IPAddress.Parse("10.77.0.1")], "farm.test", TimeSpan.FromSeconds(10)),
            ],
            Reservations = new Dictionary<MacAddress, DhcpReservation>
            {
                [UdhcpcMac] = new(IPAddress.Parse("10.77.0.11"), "node-a"),
                [DhclientMac] = new(IPAddress.Parse("10.77.0.12")),
            },
        },
    };

    [Fact]
    public async Task Udhcpc_ReservedMac_GetsReservedAddressAndRenews()
    {
        Require.Privileged("ip", "busybox");
        await using var lan = new DhcpTestLan();
        var ns = lan.AddClient(UdhcpcMac);
        var server = lan.StartServer(Farm);
        var log = Path.Combine(lan.Directory, "udhcpc.events");
        var script = lan.WriteScript("udhcpc.sh",
            $"echo \"$1 ip=$ip mask=$mask router=$router dns=$dns domain=$domain serverid=$serverid lease=$lease\" >> {log}\n" +
            "case \"$1\" in bound|renew) ip addr replace \"$ip/$mask\" dev \"$interface\" ;; esac\n");

        lan.Spawn(ns, "busybox", "udhcpc", "-f", "-i", "nic0", "-s", script, "-t", "3", "-T", "1");

        Assert.True(await DhcpTestLan.WaitForAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("renew ", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            $"no renew seen; events: {(File.Exists(log) ? File.ReadAllText(log) : "none")}; counters: {server.Counters}");
        var events = File.ReadAllLines(log);
        Assert.Contains("bound ip=10.77.0.11 mask=24 router=10.77.0.1 dns=10.77.0.1 domain=farm.test serverid=10.77.0.1 lease=10", events);
        Assert.Contains("renew ip=10.77.0.11 mask=24 router=10.77.0.1 dns=10.77.0.1 domain=farm.test serverid=10.77.0.1 lease=10", events);
        Assert.True(server.Counters.Received(DhcpMessageType.Request) >= 2, server.Counters.ToString());
        Assert.True(server.Counters.Replied(DhcpMessageType.Ack) >= 2, server.Counters.ToString());
        Assert.True(await DhcpTestLan.WaitForAsync(() => File.Exists(Path.Combine(lan.Directory, "leases.json")), TimeSpan.FromSeconds(5)));
        var (leases, errors) = DhcpLeaseFile.Load(Path.Combine(lan.Directory, "leases.json"));
        Assert.Empty(errors);
        var lease = Assert.Single(leases);
        Assert.Equal(UdhcpcMac, lease.Client);
        Assert.Equal(IPAddress.Parse("10.77.0.11"), lease.Address);
        Assert.Equal(DhcpLeaseStatus.Bound, lease.Status);
    }

    [Fact]
    public async Task Dhclient_ReservedMac_GetsReservedAddressAndRenews()
    {
        Require.Privileged("ip", "dhclient");
        await using var lan = new DhcpTestLan();
        var ns = lan.AddClient(DhclientMac);
        var server = lan.StartServer(Farm);
        var log = Path.Combine(lan.Directory, "dhclient.events");
        var script = lan.WriteScript("dhclient.sh",
            $"echo \"$reason ip=$new_ip_address mask=$new_subnet_mask routers=$new_routers lease=$new_dhcp_lease_time server=$new_dhcp_server_identifier\" >> {log}\n" +
            "case \"$reason\" in BOUND|RENEW|REBIND|REBOOT) ip addr replace \"$new_ip_address/$new_subnet_mask\" dev \"$interface\" ;; esac\n");

        lan.Spawn(ns, "dhclient", "-d", "-1", "-v", "-sf", script, "-lf", Path.Combine(lan.Directory, "dhclient.leases"),
            "-pf", Path.Combine(lan.Directory, "dhclient.pid"), "nic0");

        Assert.True(await DhcpTestLan.WaitForAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("RENEW ", StringComparison.Ordinal), TimeSpan.FromSeconds(25)),
            $"no renew seen; events: {(File.Exists(log) ? File.ReadAllText(log) : "none")}; counters: {server.Counters}");
        var events = File.ReadAllLines(log);
        Assert.Contains("BOUND ip=10.77.0.12 mask=255.255.255.0 routers=10.77.0.1 lease=10 server=10.77.0.1", events);
        Assert.Contains("RENEW ip=10.77.0.12 mask=255.255.255.0 routers=10.77.0.1 lease=10 server=10.77.0.1", events);
        Assert.True(server.Counters.Received(DhcpMessageType.Request) >= 2, server.Counters.ToString());
        var lease = Assert.Single(server.Leases());
        Assert.Equal(DhclientMac, lease.Client);
        Assert.Equal(DhcpLeaseStatus.Bound, lease.Status);
    }

    [Fact]
    public async Task Udhcpc_UnknownMac_GetsNothing()
    {
        Require.Privileged("ip", "busybox");
        await using var lan = new DhcpTestLan();
        var stranger = MacAddress.Parse("02:77:00:00:00:99");
        var ns = lan.AddClient(stranger);
        var server = lan.StartServer(Farm);
        var script = lan.WriteScript("noop.sh", "exit 0\n");

        var r = Sh.Run("ip", ["netns", "exec", ns, "busybox", "udhcpc", "-f", "-q", "-n", "-i", "nic0", "-s", script, "-t", "1", "-T", "1"], TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, r.ExitCode);
        Assert.True(server.Counters.Dropped(DhcpDropReason.UnknownClient) >= 1, server.Counters.ToString());
        Assert.Equal(0, server.Counters.TotalReplied);
        Assert.Empty(server.Leases());
    }

    [Fact]
    public async Task Start_InOtherNamespace_LeavesEveryRuntimeThreadInTheRootNamespace()
    {
        Require.Privileged("ip");
        await using var lan = new DhcpTestLan();
        var root = new FileInfo("/proc/self/ns/net").LinkTarget;

        lan.StartServer(Farm);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        var threads = Directory.GetDirectories("/proc/self/task")
            .Select(t => (Task: t, Ns: new FileInfo(Path.Combine(t, "ns", "net")).LinkTarget))
            .Where(t => t.Ns is not null)
            .ToList();
        Assert.All(threads, t => Assert.Equal(root, t.Ns));
        var ss = Sh.Run("ip", "netns", "exec", lan.ServerNamespace, "ss", "-uanp").StdOut;
        Assert.Contains("0.0.0.0%" + lan.Bridge + ":67", ss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Perfdhcp_AsRelay_CompletesExchangesThroughGiaddr()
    {
        Require.Privileged("ip", "perfdhcp");
        await using var lan = new DhcpTestLan();
        var ns = lan.AddClient(MacAddress.Parse("02:77:00:00:00:50"));
        Sh.Run("ip", "-n", ns, "addr", "add", "10.77.0.50/24", "dev", "nic0").EnsureSuccess("ip addr add");
        var server = lan.StartServer(o => Farm(o with { Config = o.Config with { UnknownClients = UnknownClientPolicy.ServeAsOrphan } }));

        // perfdhcp sets giaddr to its own address and listens on port 67 for the relayed replies.
        var r = Sh.Run("ip", ["netns", "exec", ns, "perfdhcp", "-4", "-l", "10.77.0.50", "-r", "20", "-n", "20", "10.77.0.1"], TimeSpan.FromSeconds(60));

        Assert.Contains("Malformed packets: 0", r.StdOut, StringComparison.Ordinal);
        Assert.True(server.Counters.Replied(DhcpMessageType.Offer) >= 20, server.Counters.ToString() + r.StdOut + r.StdErr);
        Assert.True(server.Counters.Replied(DhcpMessageType.Ack) >= 19, server.Counters.ToString() + r.StdOut);
        Assert.Equal(0, server.Counters.SendErrors);
        Assert.All(server.Leases(), l => Assert.InRange(Zos.Protocols.Dhcp.Ipv4.ToUInt32(l.Address), Zos.Protocols.Dhcp.Ipv4.ToUInt32(IPAddress.Parse("10.77.0.100")), Zos.Protocols.Dhcp.Ipv4.ToUInt32(IPAddress.Parse("10.77.0.199"))));
    }

    [Fact]
    public async Task PxePort4011_UefiRequestInProxyMode_IsAnsweredWithAckToTheSender()
    {
        Require.Privileged("ip", "nc");
        await using var lan = new DhcpTestLan();
        var mac = MacAddress.Parse("02:77:00:00:00:07");
        var ns = lan.AddClient(mac);
        Sh.Run("ip", "-n", ns, "addr", "add", "10.77.0.150/24", "dev", "nic0").EnsureSuccess("ip addr add");
        var server = lan.StartServer(o => o with { ListenPxePort = true, Config = o.Config with { Mode = DhcpServerMode.Proxy, KnownClients = new HashSet<MacAddress> { mac } } });
        // What UEFI firmware sends after a proxy OFFER without option 43: a REQUEST to the proxy's port 4011.
        var request = new DhcpMessage { TransactionId = 0x4011, ClientAddress = IPAddress.Parse("10.77.0.150") };
        mac.WriteBytes(request.ClientHardwareAddress);
        request.Options.SetByte(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Request);
        request.Options.SetUInt16(DhcpOptionCode.ClientArchitecture, 7);
        request.Options.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000");
        request.Options.Set(DhcpOptionCode.ClientMachineIdentifier, new byte[17]);
        var requestFile = Path.Combine(lan.Directory, "request.bin");
        var replyFile = Path.Combine(lan.Directory, "reply.bin");
        await File.WriteAllBytesAsync(requestFile, DhcpMessageWriter.Encode(request), TestContext.Current.CancellationToken);

        Sh.Bash($"ip netns exec {ns} nc -u -w 3 -s 10.77.0.150 -p 4011 10.77.0.1 4011 < {requestFile} > {replyFile}");

        var parsed = DhcpMessageReader.Parse(await File.ReadAllBytesAsync(replyFile, TestContext.Current.CancellationToken));
        Assert.True(parsed.Success, $"{parsed.Detail}; counters: {server.Counters}");
        var ack = parsed.Message;
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(0x4011u, ack.TransactionId);
        Assert.Equal(IPAddress.Any, ack.YourAddress);
        Assert.Equal("ipxe.efi", ack.BootFileName);
        Assert.Equal("10.77.0.1", ack.ServerName);
        Assert.Equal("PXEClient", ack.VendorClass);
        Assert.NotNull(ack.ClientGuid);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 4011), server.PxeEndPoint);
    }
}

