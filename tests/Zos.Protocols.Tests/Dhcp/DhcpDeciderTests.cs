using System.Net;
using Xunit;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Options;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Protocols.Tests.Dhcp;

public sealed class DhcpDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Server = IPAddress.Parse("10.10.0.1");
    private static readonly MacAddress Reserved = MacAddress.Parse("52:54:00:00:00:01");
    private static readonly MacAddress Known = MacAddress.Parse("52:54:00:00:00:02");
    private static readonly MacAddress Stranger = MacAddress.Parse("52:54:00:00:00:99");
    private static readonly IPEndPoint FromUnconfigured = new(IPAddress.Any, 68);

    private static readonly DhcpSubnet Local = new(
        IPNetwork.Parse("10.10.0.0/24"), IPAddress.Parse("10.10.0.100"), IPAddress.Parse("10.10.0.102"),
        IPAddress.Parse("10.10.0.1"), [IPAddress.Parse("10.10.0.53")], "farm.lab", TimeSpan.FromHours(1));

    private static readonly DhcpSubnet Remote = new(
        IPNetwork.Parse("10.20.0.0/24"), IPAddress.Parse("10.20.0.100"), IPAddress.Parse("10.20.0.200"),
        IPAddress.Parse("10.20.0.1"), [], null, TimeSpan.FromMinutes(10));

    private static DhcpServerConfig Config(DhcpServerMode mode = DhcpServerMode.Full, UnknownClientPolicy policy = UnknownClientPolicy.Ignore) => new()
    {
        ServerAddress = Server,
        Mode = mode,
        Subnets = [Local, Remote],
        Reservations = new Dictionary<MacAddress, DhcpReservation> { [Reserved] = new(IPAddress.Parse("10.10.0.10"), "node1") },
        KnownClients = new HashSet<MacAddress> { Known },
        UnknownClients = policy,
        Boot = new PxeBootFiles(Efi32Loader: "ipxe32.efi", IpxeScriptBaseUrl: "http://10.10.0.1:8080/boot/"),
    };

    private static DhcpDecision Decide(DhcpMessage m, DhcpLeaseTable leases, DhcpServerConfig? config = null, int port = 67, IPEndPoint? source = null, DateTimeOffset? now = null)
    {
        var decision = DhcpDecider.Decide(new DhcpRequest(DhcpTestPackets.RoundTrip(m), port, source ?? FromUnconfigured), config ?? Config(), leases, now ?? Now);
        if (decision.Reply is not null)
            DhcpTestPackets.AssertSameMessage(decision.Reply, DhcpTestPackets.RoundTrip(decision.Reply));
        leases.Apply(decision.Changes);
        return decision;
    }

    private static DhcpMessage Discover(MacAddress mac) => DhcpTestPackets.Request(DhcpMessageType.Discover, mac);

    private static DhcpMessage Selecting(MacAddress mac, IPAddress address, IPAddress? serverId = null)
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, mac);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        m.Options.SetAddress(DhcpOptionCode.ServerIdentifier, serverId ?? Server);
        return m;
    }

    [Fact]
    public void Decide_DiscoverFromReservedMac_OffersReservationWithSubnetOptions()
    {
        var leases = new DhcpLeaseTable();

        var d = Decide(Discover(Reserved), leases);

        var r = d.Reply!;
        Assert.Equal(DhcpMessageType.Offer, r.MessageType);
        Assert.Equal(DhcpOpcode.BootReply, r.Opcode);
        Assert.Equal(IPAddress.Parse("10.10.0.10"), r.YourAddress);
        Assert.Equal(Server, r.ServerIdentifier);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), r.Options.GetAddress(DhcpOptionCode.SubnetMask));
        Assert.Equal(IPAddress.Parse("10.10.0.255"), r.Options.GetAddress(DhcpOptionCode.BroadcastAddress));
        Assert.Equal([IPAddress.Parse("10.10.0.1")], r.Options.GetAddresses(DhcpOptionCode.Router));
        Assert.Equal([IPAddress.Parse("10.10.0.53")], r.Options.GetAddresses(DhcpOptionCode.DomainNameServer));
        Assert.Equal("farm.lab", r.Options.GetString(DhcpOptionCode.DomainName));
        Assert.Equal("node1", r.Options.GetString(DhcpOptionCode.HostName));
        Assert.Equal(3600u, r.Options.GetUInt32(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Equal(1800u, r.Options.GetUInt32(DhcpOptionCode.RenewalTime));
        Assert.Equal(3150u, r.Options.GetUInt32(DhcpOptionCode.RebindingTime));
        Assert.Equal(0x12345678u, r.TransactionId);
        Assert.Equal(Reserved, r.ClientMac);
        Assert.False(r.Options.Contains(DhcpOptionCode.BootFileName));
        Assert.Equal(DhcpLeaseStatus.Offered, leases.ByClient(Reserved)!.Status);
        Assert.Equal(Now + TimeSpan.FromSeconds(30), leases.ByClient(Reserved)!.ExpiresAt);
    }

    [Fact]
    public void Decide_MultiNicNode_ManagementNicGetsReservationOtherNicGetsPool()
    {
        var management = MacAddress.Parse("52:54:00:10:00:01");
        var second = MacAddress.Parse("52:54:00:10:00:02");
        var config = Config() with
        {
            Reservations = new Dictionary<MacAddress, DhcpReservation> { [management] = new(IPAddress.Parse("10.10.0.20"), "node7") },
            KnownClients = new HashSet<MacAddress> { second },
        };
        var leases = new DhcpLeaseTable();

        var mgmt = Decide(Discover(management), leases, config).Reply!;
        var other = Decide(Discover(second), leases, config).Reply!;

        Assert.Equal(IPAddress.Parse("10.10.0.20"), mgmt.YourAddress);
        Assert.Equal("node7", mgmt.Options.GetString(DhcpOptionCode.HostName));
        Assert.Equal(IPAddress.Parse("10.10.0.100"), other.YourAddress);
        Assert.Null(other.Options.GetString(DhcpOptionCode.HostName));
    }

    [Fact]
    public void Decide_DiscoverFromUnknownMac_IsIgnoredByDefault()
    {
        var d = Decide(Discover(Stranger), new DhcpLeaseTable());

        Assert.Null(d.Reply);
        Assert.Equal(DhcpDropReason.UnknownClient, d.DropReason);
        Assert.Empty(d.Changes);
    }

    [Fact]
    public void Decide_DiscoverFromUnknownMacWithOrphanPolicy_OffersPoolAddress()
    {
        var d = Decide(Discover(Stranger), new DhcpLeaseTable(), Config(policy: UnknownClientPolicy.ServeAsOrphan));

        Assert.Equal(IPAddress.Parse("10.10.0.100"), d.Reply!.YourAddress);
    }

    [Fact]
    public void Decide_KnownMacsFillThePool_NextIsDroppedAsExhausted()
    {
        var leases = new DhcpLeaseTable();
        var config = Config(policy: UnknownClientPolicy.ServeAsOrphan);
        var given = new List<IPAddress>();
        for (var i = 0; i < 3; i++)
            given.Add(Decide(Discover(MacAddress.Parse($"02:00:00:00:01:0{i}")), leases, config).Reply!.YourAddress);

        var d = Decide(Discover(MacAddress.Parse("02:00:00:00:01:09")), leases, config);

        Assert.Equal(["10.10.0.100", "10.10.0.101", "10.10.0.102"], given.Select(a => a.ToString()));
        Assert.Equal(DhcpDropReason.PoolExhausted, d.DropReason);
    }

    [Fact]
    public void Decide_OfferExpired_AddressIsReused()
    {
        var leases = new DhcpLeaseTable();
        var config = Config(policy: UnknownClientPolicy.ServeAsOrphan);
        for (var i = 0; i < 3; i++)
            Decide(Discover(MacAddress.Parse($"02:00:00:00:01:0{i}")), leases, config);

        var d = Decide(Discover(MacAddress.Parse("02:00:00:00:01:09")), leases, config, now: Now + TimeSpan.FromMinutes(1));

        Assert.NotNull(d.Reply);
        Assert.True(Local.InPool(d.Reply.YourAddress));
    }

    [Fact]
    public void Decide_DiscoverWithRequestedFreeAddress_OffersIt()
    {
        var m = Discover(Known);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.10.0.102"));

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(IPAddress.Parse("10.10.0.102"), d.Reply!.YourAddress);
    }

    [Fact]
    public void Decide_SelectingRequestForOffer_AcksAndBindsLease()
    {
        var leases = new DhcpLeaseTable();
        var offered = Decide(Discover(Known), leases).Reply!.YourAddress;

        var d = Decide(Selecting(Known, offered), leases);

        Assert.Equal(DhcpMessageType.Ack, d.Reply!.MessageType);
        Assert.Equal(offered, d.Reply.YourAddress);
        var lease = leases.ByClient(Known)!;
        Assert.Equal(DhcpLeaseStatus.Bound, lease.Status);
        Assert.Equal(Now + TimeSpan.FromHours(1), lease.ExpiresAt);
    }

    [Fact]
    public void Decide_SelectingRequestForOtherAddress_Naks()
    {
        var leases = new DhcpLeaseTable();
        Decide(Discover(Known), leases);

        var d = Decide(Selecting(Known, IPAddress.Parse("10.10.0.101")), leases);

        Assert.Equal(DhcpMessageType.Nak, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Any, d.Reply.YourAddress);
        Assert.Equal("10.10.0.101 was not offered to 52:54:00:00:00:02", d.Reply.Options.GetString(DhcpOptionCode.Message));
        Assert.Null(d.Reply.Options.Get(DhcpOptionCode.IpAddressLeaseTime));
    }

    [Fact]
    public void Decide_SelectingAnotherServer_ReleasesOurOfferSilently()
    {
        var leases = new DhcpLeaseTable();
        var offered = Decide(Discover(Known), leases).Reply!.YourAddress;

        var d = Decide(Selecting(Known, offered, IPAddress.Parse("10.10.0.2")), leases);

        Assert.Null(d.Reply);
        Assert.Equal(DhcpDropReason.OtherServerSelected, d.DropReason);
        Assert.Null(leases.ByClient(Known));
    }

    [Fact]
    public void Decide_InitRebootWithReservedAddress_Acks()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Reserved);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.10.0.10"));

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(DhcpMessageType.Ack, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Parse("10.10.0.10"), d.Reply.YourAddress);
    }

    [Fact]
    public void Decide_InitRebootOnWrongNetwork_Naks()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("192.168.1.7"));

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(DhcpMessageType.Nak, d.Reply!.MessageType);
        Assert.Equal("192.168.1.7 is not on 10.10.0.0/24", d.Reply.Options.GetString(DhcpOptionCode.Message));
    }

    [Fact]
    public void Decide_InitRebootWithoutRecord_StaysSilent()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.10.0.101"));

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Null(d.Reply);
        Assert.Equal(DhcpDropReason.NoRecordOfClient, d.DropReason);
    }

    [Fact]
    public void Decide_InitRebootWithOtherLeasedAddress_Naks()
    {
        var leases = new DhcpLeaseTable();
        leases.Set(new DhcpServerLease(Known, IPAddress.Parse("10.10.0.100"), Now.AddHours(1), DhcpLeaseStatus.Bound));
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.10.0.101"));

        var d = Decide(m, leases);

        Assert.Equal(DhcpMessageType.Nak, d.Reply!.MessageType);
    }

    [Fact]
    public void Decide_RenewingBoundLease_AcksAndExtends()
    {
        var leases = new DhcpLeaseTable();
        leases.Set(new DhcpServerLease(Known, IPAddress.Parse("10.10.0.100"), Now.AddMinutes(10), DhcpLeaseStatus.Bound));
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.ClientAddress = IPAddress.Parse("10.10.0.100");

        var d = Decide(m, leases, source: new IPEndPoint(m.ClientAddress, 68));

        Assert.Equal(DhcpMessageType.Ack, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Parse("10.10.0.100"), d.Reply.YourAddress);
        Assert.Equal(IPAddress.Parse("10.10.0.100"), d.Reply.ClientAddress);
        Assert.Equal(Now + TimeSpan.FromHours(1), leases.ByClient(Known)!.ExpiresAt);
    }

    [Fact]
    public void Decide_RebindingAddressHeldByAnother_Naks()
    {
        var leases = new DhcpLeaseTable();
        leases.Set(new DhcpServerLease(Reserved, IPAddress.Parse("10.10.0.101"), Now.AddMinutes(10), DhcpLeaseStatus.Bound));
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.ClientAddress = IPAddress.Parse("10.10.0.101");
        m.Broadcast = true;

        var d = Decide(m, leases);

        Assert.Equal(DhcpMessageType.Nak, d.Reply!.MessageType);
        Assert.Equal("10.10.0.101 is not leased to 52:54:00:00:00:02", d.Reply.Options.GetString(DhcpOptionCode.Message));
    }

    [Fact]
    public void Decide_RenewingWithoutRecordOnFreePoolAddress_AdoptsIt()
    {
        var leases = new DhcpLeaseTable();
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Known);
        m.ClientAddress = IPAddress.Parse("10.10.0.102");

        var d = Decide(m, leases);

        Assert.Equal(DhcpMessageType.Ack, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Parse("10.10.0.102"), leases.ByClient(Known)!.Address);
    }

    [Fact]
    public void Decide_Release_RemovesLeaseWithoutReply()
    {
        var leases = new DhcpLeaseTable();
        leases.Set(new DhcpServerLease(Known, IPAddress.Parse("10.10.0.100"), Now.AddMinutes(10), DhcpLeaseStatus.Bound));
        var m = DhcpTestPackets.Request(DhcpMessageType.Release, Known);
        m.ClientAddress = IPAddress.Parse("10.10.0.100");
        m.Options.SetAddress(DhcpOptionCode.ServerIdentifier, Server);

        var d = Decide(m, leases);

        Assert.Null(d.Reply);
        Assert.Equal(DhcpDropReason.None, d.DropReason);
        Assert.Null(leases.ByClient(Known));
        Assert.Equal(0, leases.Count);
    }

    [Fact]
    public void Decide_Decline_MarksAddressAndNextDiscoverGetsAnother()
    {
        var leases = new DhcpLeaseTable();
        var offered = Decide(Discover(Known), leases).Reply!.YourAddress;
        var decline = DhcpTestPackets.Request(DhcpMessageType.Decline, Known);
        decline.Options.SetAddress(DhcpOptionCode.RequestedIpAddress, offered);
        decline.Options.SetAddress(DhcpOptionCode.ServerIdentifier, Server);

        var d = Decide(decline, leases);
        var next = Decide(Discover(Known), leases).Reply!.YourAddress;

        Assert.Null(d.Reply);
        Assert.Equal(DhcpLeaseStatus.Declined, leases.ByAddress(offered)!.Status);
        Assert.Null(leases.ByAddress(offered)!.Client);
        Assert.NotEqual(offered, next);
    }

    [Fact]
    public void Decide_Inform_AcksWithoutAddressOrLeaseTime()
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Inform, Known);
        m.ClientAddress = IPAddress.Parse("10.10.0.77");

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(DhcpMessageType.Ack, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Any, d.Reply.YourAddress);
        Assert.Equal(IPAddress.Parse("10.10.0.77"), d.Reply.ClientAddress);
        Assert.Null(d.Reply.Options.Get(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Equal([IPAddress.Parse("10.10.0.1")], d.Reply.Options.GetAddresses(DhcpOptionCode.Router));
        Assert.Empty(d.Changes);
    }

    [Fact]
    public void Decide_RelayedDiscover_UsesSubnetOfGiaddrAndEchoesOption82()
    {
        var m = Discover(Known);
        m.GatewayAddress = IPAddress.Parse("10.20.0.1");
        m.Hops = 1;
        m.Options.Set(DhcpOptionCode.RelayAgentInformation, new byte[] { 1, 2, 9, 9 });

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(IPAddress.Parse("10.20.0.100"), d.Reply!.YourAddress);
        Assert.Equal(IPAddress.Parse("10.20.0.1"), d.Reply.GatewayAddress);
        Assert.Equal(600u, d.Reply.Options.GetUInt32(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Equal(new byte[] { 1, 2, 9, 9 }, d.Reply.Options.Get(DhcpOptionCode.RelayAgentInformation)!.Value.ToArray());
        Assert.Equal(DhcpOptionCode.RelayAgentInformation, d.Reply.Options.All[^1].Code);
    }

    [Fact]
    public void Decide_RelayedFromUnknownNetwork_IsDropped()
    {
        var m = Discover(Known);
        m.GatewayAddress = IPAddress.Parse("192.168.9.1");

        Assert.Equal(DhcpDropReason.NoSubnet, Decide(m, new DhcpLeaseTable()).DropReason);
    }

    [Fact]
    public void Decide_CapturedOvmfDiscover_KnownMacGetsIpxeEfiAndGuidEchoed()
    {
        var ovmf = DhcpMessageReader.Parse(DhcpTestPackets.OvmfUefiDiscover()).Message!;
        var config = Config() with { KnownClients = new HashSet<MacAddress> { DhcpTestPackets.OvmfMac } };

        var d = Decide(ovmf, new DhcpLeaseTable(), config);

        var r = d.Reply!;
        Assert.Equal(DhcpMessageType.Offer, r.MessageType);
        Assert.Equal("ipxe.efi", r.BootFileName);
        Assert.Equal("PXEClient", r.VendorClass);
        Assert.Equal(new ClientGuidOption(Guid.Empty), r.ClientGuid);
    }

    [Fact]
    public void Decide_CapturedOvmfDiscover_UnknownMacIgnored()
    {
        var ovmf = DhcpMessageReader.Parse(DhcpTestPackets.OvmfUefiDiscover()).Message!;

        Assert.Null(Decide(ovmf, new DhcpLeaseTable()).Reply);
    }

    [Fact]
    public void Decide_CapturedRelayedDiscover_OffersFromGiaddrSubnetBackToTheRelay()
    {
        var relayed = DhcpMessageReader.Parse(DhcpTestPackets.PerfdhcpRelayedDiscover()).Message!;
        var benchSubnet = new DhcpSubnet(IPNetwork.Parse("10.96.0.0/16"), IPAddress.Parse("10.96.1.0"), IPAddress.Parse("10.96.1.9"),
            IPAddress.Parse("10.96.0.1"), [], null, TimeSpan.FromHours(1));
        var config = Config() with { Subnets = [Local, benchSubnet], KnownClients = new HashSet<MacAddress> { DhcpTestPackets.PerfdhcpMac } };

        var d = Decide(relayed, new DhcpLeaseTable(), config);

        var r = d.Reply!;
        Assert.Equal(DhcpMessageType.Offer, r.MessageType);
        Assert.True(benchSubnet.Network.Contains(r.YourAddress), $"offered {r.YourAddress}");
        Assert.Equal(IPAddress.Parse("10.96.0.50"), r.GatewayAddress);
        Assert.Equal(IPAddress.Parse("10.96.0.1"), r.Options.GetAddress(DhcpOptionCode.Router));
    }

    [Fact]
    public void Decide_CapturedRelayedDiscover_FromUnconfiguredNetworkDropped()
    {
        var relayed = DhcpMessageReader.Parse(DhcpTestPackets.PerfdhcpRelayedDiscover()).Message!;
        var config = Config() with { KnownClients = new HashSet<MacAddress> { DhcpTestPackets.PerfdhcpMac } };

        Assert.Null(Decide(relayed, new DhcpLeaseTable(), config).Reply);
    }

    [Fact]
    public void Decide_CapturedIpxeDiscover_GetsHttpScriptUrlAndPxeClientVendorClass()
    {
        var ipxe = DhcpMessageReader.Parse(DhcpTestPackets.IpxeBiosDiscover()).Message!;
        var config = Config() with { KnownClients = new HashSet<MacAddress> { DhcpTestPackets.IpxeMac } };

        var d = Decide(ipxe, new DhcpLeaseTable(), config);

        var r = d.Reply!;
        Assert.Equal("http://10.10.0.1:8080/boot/52-54-00-98-00-01", r.BootFileName);
        Assert.Equal("http://10.10.0.1:8080/boot/52-54-00-98-00-01", r.Options.GetString(DhcpOptionCode.BootFileName));
        Assert.Equal("PXEClient", r.VendorClass);
        Assert.Equal(Server, r.ServerAddress);
        Assert.Equal("10.10.0.1", r.ServerName);
        Assert.Equal("10.10.0.1", r.Options.GetString(DhcpOptionCode.TftpServerName));
        Assert.Equal(new ClientGuidOption(Guid.Empty), r.ClientGuid);
        Assert.Equal(new byte[] { 6, 1, 8, 255 }, r.Options.Get(DhcpOptionCode.VendorSpecific)!.Value.ToArray());
    }

    [Theory]
    [InlineData(0, "undionly.kpxe")]
    [InlineData(6, "ipxe32.efi")]
    [InlineData(7, "ipxe.efi")]
    [InlineData(9, "ipxe.efi")]
    public void Decide_PxeRomDiscover_GetsLoaderForArchitecture(ushort arch, string loader)
    {
        var m = DhcpTestPackets.UefiDiscover(Known);
        m.Options.SetUInt16(DhcpOptionCode.ClientArchitecture, arch);

        var d = Decide(m, new DhcpLeaseTable());

        Assert.Equal(loader, d.Reply!.BootFileName);
        Assert.Equal(loader, d.Reply.Options.GetString(DhcpOptionCode.BootFileName));
        Assert.Equal("PXEClient", d.Reply.VendorClass);
        Assert.Equal(Guid.Parse("8e4b7f7c-1a2b-4c3d-9e8f-0123456789ab"), d.Reply.ClientGuid!.Uuid);
    }

    [Fact]
    public void Decide_Ia32WithoutLoaderConfigured_GetsAddressButNoBootFile()
    {
        var m = DhcpTestPackets.UefiDiscover(Known);
        m.Options.SetUInt16(DhcpOptionCode.ClientArchitecture, 6);
        var config = Config() with { Boot = new PxeBootFiles() };

        var d = Decide(m, new DhcpLeaseTable(), config);

        Assert.NotEqual(IPAddress.Any, d.Reply!.YourAddress);
        Assert.Equal("", d.Reply.BootFileName);
        Assert.False(d.Reply.Options.Contains(DhcpOptionCode.BootFileName));
    }

    [Fact]
    public void Decide_ProxyModeBiosRom_OffersBootDataWithoutAddressAndWithOption43()
    {
        var m = DhcpTestPackets.UefiDiscover(Known);
        m.Options.SetUInt16(DhcpOptionCode.ClientArchitecture, 0);

        var d = Decide(m, new DhcpLeaseTable(), Config(DhcpServerMode.Proxy));

        Assert.Equal(DhcpMessageType.Offer, d.Reply!.MessageType);
        Assert.Equal(IPAddress.Any, d.Reply.YourAddress);
        Assert.Equal("undionly.kpxe", d.Reply.BootFileName);
        Assert.Equal(new byte[] { 6, 1, 8, 255 }, d.Reply.Options.Get(DhcpOptionCode.VendorSpecific)!.Value.ToArray());
        Assert.Null(d.Reply.Options.Get(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Empty(d.Changes);
    }

    [Fact]
    public void Decide_ProxyModeUefiRom_OffersWithoutOption43ThenAcksOnPort4011()
    {
        var config = Config(DhcpServerMode.Proxy);
        var offer = Decide(DhcpTestPackets.UefiDiscover(Known), new DhcpLeaseTable(), config).Reply!;
        var request = DhcpTestPackets.UefiDiscover(Known);
        request.Options.SetByte(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Request);
        request.ClientAddress = IPAddress.Parse("10.10.0.150");
        var source = new IPEndPoint(request.ClientAddress, 4011);

        var ack = Decide(request, new DhcpLeaseTable(), config, port: DhcpRequest.PxePort, source: source).Reply!;

        Assert.False(offer.Options.Contains(DhcpOptionCode.VendorSpecific));
        Assert.Equal("PXEClient", offer.VendorClass);
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(IPAddress.Any, ack.YourAddress);
        Assert.Equal("ipxe.efi", ack.BootFileName);
        Assert.Equal("10.10.0.1", ack.ServerName);
        Assert.Equal("PXEClient", ack.VendorClass);
        Assert.NotNull(ack.ClientGuid);
    }

    [Fact]
    public void Decide_ProxyModeNonPxeClientOrRequest_IsIgnored()
    {
        var config = Config(DhcpServerMode.Proxy);

        var plain = Decide(Discover(Known), new DhcpLeaseTable(), config);
        var request = Decide(Selecting(Known, IPAddress.Parse("10.10.0.100")), new DhcpLeaseTable(), config);

        Assert.Equal(DhcpDropReason.NotPxeClient, plain.DropReason);
        Assert.Equal(DhcpDropReason.ProxyIgnoresMessage, request.DropReason);
    }

    [Fact]
    public void Decide_BootReplyOrNoMessageType_IsDropped()
    {
        var reply = Discover(Known);
        reply.Opcode = DhcpOpcode.BootReply;
        var bootp = Discover(Known);
        bootp.Options.Remove(DhcpOptionCode.MessageType);

        Assert.Equal(DhcpDropReason.NotARequest, Decide(reply, new DhcpLeaseTable()).DropReason);
        Assert.Equal(DhcpDropReason.NoMessageType, Decide(bootp, new DhcpLeaseTable()).DropReason);
    }

    [Fact]
    public void Validate_BadConfig_NamesEveryFieldAndValue()
    {
        var config = Config() with
        {
            Subnets = [Local with { PoolStart = IPAddress.Parse("10.10.1.5"), PoolEnd = IPAddress.Parse("10.10.0.255"), LeaseTime = TimeSpan.FromSeconds(1) }],
            Reservations = new Dictionary<MacAddress, DhcpReservation> { [Reserved] = new(IPAddress.Parse("172.16.0.1")) },
        };

        var errors = config.Validate().Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "error: subnets[0].poolStart: '10.10.1.5' is not inside 10.10.0.0/24",
                "error: subnets[0].poolEnd: '10.10.0.255' is the network or broadcast address of 10.10.0.0/24",
                "error: subnets[0].poolEnd: '10.10.0.255' is before poolStart '10.10.1.5'",
                "error: subnets[0].leaseTime: must be between 10 s and 136 years, got 00:00:01",
                "error: reservations[52:54:00:00:00:01]: '172.16.0.1' is in no configured subnet",
            ],
            errors);
    }
}
