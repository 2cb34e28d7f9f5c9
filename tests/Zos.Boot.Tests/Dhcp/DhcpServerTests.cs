using System.Net;
using Xunit;
using Zos.Boot.Dhcp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Tests.Dhcp;

/// <summary>The server loop without clients: datagram handling, counters, lease persistence, option validation.</summary>
public sealed class DhcpServerTests : IDisposable
{
    private static readonly MacAddress Node = MacAddress.Parse("02:00:00:00:aa:01");
    private static readonly IPEndPoint Unconfigured = new(IPAddress.Any, 68);
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-dhcp-server-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DhcpServerOptions Options() => new()
    {
        Config = new DhcpServerConfig
        {
            ServerAddress = IPAddress.Parse("10.55.0.1"),
            Subnets = [new DhcpSubnet(IPNetwork.Parse("10.55.0.0/24"), IPAddress.Parse("10.55.0.10"), IPAddress.Parse("10.55.0.20"), null, [], null, TimeSpan.FromMinutes(5))],
            KnownClients = new HashSet<MacAddress> { Node },
        },
        Port = 0,
        LeaseFile = Path.Combine(_dir, "leases.json"),
        LeaseFlushInterval = TimeSpan.FromMilliseconds(50),
    };

    private static byte[] Packet(DhcpMessageType type, MacAddress mac, Action<DhcpMessage>? edit = null)
    {
        var m = new DhcpMessage { TransactionId = 42 };
        mac.WriteBytes(m.ClientHardwareAddress);
        m.Options.SetByte(DhcpOptionCode.MessageType, (byte)type);
        edit?.Invoke(m);
        return DhcpMessageWriter.Encode(m);
    }

    [Fact]
    public async Task Handle_GarbageAndTruncatedDatagrams_AreCountedByReasonAndDropped()
    {
        await using var server = new DhcpServer(Options());
        var good = Packet(DhcpMessageType.Discover, Node);

        Assert.Null(server.Handle(new byte[10], 67, Unconfigured));
        Assert.Null(server.Handle(good.AsSpan(0, 243), 67, Unconfigured));
        Assert.Null(server.Handle(good.AsSpan(0, 242), 67, Unconfigured));

        Assert.Equal(3, server.Counters.Datagrams);
        Assert.Equal(1, server.Counters.Malformed(DhcpParseError.TooShort));
        Assert.Equal(1, server.Counters.Malformed(DhcpParseError.MissingEndOption));
        Assert.Equal(1, server.Counters.Malformed(DhcpParseError.TruncatedOption));
        Assert.Equal(3, server.Counters.Dropped(DhcpDropReason.Malformed));
    }

    [Fact]
    public async Task Handle_DiscoverFromKnownMac_RepliesByBroadcastAndUnknownIsCounted()
    {
        await using var server = new DhcpServer(Options());
        var seen = new List<DhcpExchange>();
        server.Exchanged += seen.Add;

        var offer = server.Handle(Packet(DhcpMessageType.Discover, Node), 67, Unconfigured);
        var none = server.Handle(Packet(DhcpMessageType.Discover, MacAddress.Parse("02:00:00:00:bb:01")), 67, Unconfigured);

        Assert.NotNull(offer);
        Assert.Equal(new DhcpReplyDestination(new IPEndPoint(IPAddress.Broadcast, 68), true), offer.Value.Destination);
        var reply = DhcpMessageReader.Parse(offer.Value.Reply).Message!;
        Assert.Equal(DhcpMessageType.Offer, reply.MessageType);
        Assert.Equal(IPAddress.Parse("10.55.0.10"), reply.YourAddress);
        Assert.Null(none);
        Assert.Equal(2, server.Counters.Received(DhcpMessageType.Discover));
        Assert.Equal(1, server.Counters.Dropped(DhcpDropReason.UnknownClient));
        Assert.Equal(
            [
                new DhcpExchange(Node, DhcpMessageType.Discover, DhcpMessageType.Offer, IPAddress.Parse("10.55.0.10"), null, DhcpDropReason.None),
                new DhcpExchange(MacAddress.Parse("02:00:00:00:bb:01"), DhcpMessageType.Discover, null, null, null, DhcpDropReason.UnknownClient),
            ],
            seen);
    }

    [Fact]
    public async Task LeaseFile_BoundLease_IsWrittenAtomicallyAndReloadedByTheNextServer()
    {
        var options = Options();
        await using (var first = new DhcpServer(options))
        {
            first.Start();
            first.Handle(Packet(DhcpMessageType.Discover, Node), 67, Unconfigured);
            var ack = first.Handle(Packet(DhcpMessageType.Request, Node, m =>
            {
                m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.55.0.10"));
                m.Options.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.55.0.1"));
            }), 67, Unconfigured);
            Assert.Equal(DhcpMessageType.Ack, DhcpMessageReader.Parse(ack!.Value.Reply).Message!.MessageType);
        }

        await using var second = new DhcpServer(options);
        second.Start();

        var lease = Assert.Single(second.Leases());
        Assert.Equal(Node, lease.Client);
        Assert.Equal(IPAddress.Parse("10.55.0.10"), lease.Address);
        Assert.Equal(DhcpLeaseStatus.Bound, lease.Status);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir, ".*")));
        // Renewing after the restart finds the record (no NAK, same address).
        var renew = second.Handle(Packet(DhcpMessageType.Request, Node, m => m.ClientAddress = IPAddress.Parse("10.55.0.10")), 67, new IPEndPoint(IPAddress.Parse("10.55.0.10"), 68));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.55.0.10"), 68), renew!.Value.Destination.EndPoint);
        Assert.Equal(DhcpMessageType.Ack, DhcpMessageReader.Parse(renew.Value.Reply).Message!.MessageType);
    }

    [Fact]
    public void LeaseFileLoad_BadEntries_AreReportedWithIndexAndValue()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """
            [
              {"mac":"02:00:00:00:aa:01","address":"10.55.0.10","expiresAt":"2030-01-01T00:00:00Z","status":"Bound"},
              {"mac":"zz","address":"10.55.0.11","expiresAt":"2030-01-01T00:00:00Z","status":"Bound"},
              {"mac":null,"address":"fe80::1","expiresAt":"2030-01-01T00:00:00Z","status":"Declined"},
              {"mac":null,"address":"10.55.0.12","expiresAt":"2030-01-01T00:00:00Z","status":"Lost"}
            ]
            """);

        var (leases, errors) = DhcpLeaseFile.Load(path);

        Assert.Single(leases);
        Assert.Equal(
            [
                $"{path}: [1].mac: 'zz' is not a MAC address",
                $"{path}: [2].address: 'fe80::1' is not an IPv4 address",
                $"{path}: [3].status: 'Lost' is not one of Offered, Bound, Declined",
            ],
            errors);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingFieldsAndValues()
    {
        var options = Options() with { Interface = "a/b", Port = 70000 };

        var e = Assert.Throws<ArgumentException>(() => new DhcpServer(options));

        Assert.Equal("invalid DHCP server options: error: interface: 'a/b' is not a Linux interface name (1-15 characters, no '/'); error: port: must be 0-65535, got 70000 (Parameter 'options')", e.Message);
    }
}
