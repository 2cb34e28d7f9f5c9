using System.Net;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp.Options;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// The server's behaviour as a pure function: (request, configuration, leases, now) → (reply or none, lease changes).
/// Implements RFC 2131 §4.3 (DISCOVER, REQUEST in SELECTING / INIT-REBOOT / RENEWING / REBINDING, DECLINE, RELEASE,
/// INFORM) for full mode, PXE proxyDHCP (PXE 2.1 §2.2) for proxy mode, and the port-4011 exchange UEFI firmware uses.
/// </summary>
public static class DhcpDecider
{
    public static DhcpDecision Decide(DhcpRequest request, DhcpServerConfig config, IDhcpLeaseView leases, DateTimeOffset now)
    {
        var m = request.Message;
        if (m.Opcode != DhcpOpcode.BootRequest)
            return DhcpDecision.Drop(DhcpDropReason.NotARequest);
        if (m.MessageType is not { } type)
            return DhcpDecision.Drop(DhcpDropReason.NoMessageType);
        if (m.ClientMac is not { } mac)
            return DhcpDecision.Drop(DhcpDropReason.NotEthernet);
        if (!config.IsKnown(mac))
            return DhcpDecision.Drop(DhcpDropReason.UnknownClient);
        if (request.LocalPort == DhcpRequest.PxePort)
            return PxeBootServer(m, type, config);
        if (config.Mode == DhcpServerMode.Proxy)
            return Proxy(m, type, config);
        return type switch
        {
            DhcpMessageType.Discover => Discover(m, mac, config, leases, now),
            DhcpMessageType.Request => Request(m, mac, config, leases, now),
            DhcpMessageType.Release => Release(m, mac, config, leases),
            DhcpMessageType.Decline => Decline(m, mac, config, leases, now),
            DhcpMessageType.Inform => Inform(m, mac, config),
            _ => DhcpDecision.Drop(DhcpDropReason.UnsupportedMessageType),
        };
    }

    private static DhcpDecision Discover(DhcpMessage m, MacAddress mac, DhcpServerConfig config, IDhcpLeaseView leases, DateTimeOffset now)
    {
        if (RequestSubnet(m, config) is not { } subnet)
            return DhcpDecision.Drop(DhcpDropReason.NoSubnet);
        if (PickAddress(m, mac, subnet, config, leases, now) is not { } address)
            return DhcpDecision.Drop(DhcpDropReason.PoolExhausted);
        var reply = Reply(m, DhcpMessageType.Offer, config);
        reply.YourAddress = address;
        AddLeaseOptions(reply, subnet, mac, config, withLeaseTime: true);
        AddBootData(reply, m, mac, config, proxyOffer: false);
        EchoRelayAgent(reply, m);
        // Keep a bound lease as it is; otherwise hold the address for the client for a short while (RFC 2131 §4.3.1).
        var current = leases.ByClient(mac);
        if (current is { Status: DhcpLeaseStatus.Bound } && current.Address.Equals(address) && current.IsActive(now))
            return DhcpDecision.Answer(reply);
        return DhcpDecision.Answer(reply, DhcpLeaseChange.Set(new DhcpServerLease(mac, address, now + config.OfferHold, DhcpLeaseStatus.Offered)));
    }

    private static DhcpDecision Request(DhcpMessage m, MacAddress mac, DhcpServerConfig config, IDhcpLeaseView leases, DateTimeOffset now)
    {
        var serverId = m.ServerIdentifier;
        var requested = m.RequestedAddress;
        var current = leases.ByClient(mac);
        if (serverId is not null)
        {
            // SELECTING (RFC 2131 §4.3.2): the client answers one server's OFFER; the others release their offers.
            if (!serverId.Equals(config.ServerAddress))
            {
                return current is { Status: DhcpLeaseStatus.Offered }
                    ? DhcpDecision.Drop(DhcpDropReason.OtherServerSelected, DhcpLeaseChange.Delete(current))
                    : DhcpDecision.Drop(DhcpDropReason.OtherServerSelected);
            }
            if (requested is null || !Ipv4.IsUnspecified(m.ClientAddress))
                return Nak(m, config, "SELECTING needs option 50 and no ciaddr");
            if (RequestSubnet(m, config) is not { } subnet)
                return DhcpDecision.Drop(DhcpDropReason.NoSubnet);
            var expected = Reserved(mac, subnet, config) ?? (current is { Status: not DhcpLeaseStatus.Declined } ? current.Address : null);
            if (expected is null || !expected.Equals(requested) || HeldByOther(requested, mac, leases, now))
                return Nak(m, config, $"{requested} was not offered to {mac}");
            return Ack(m, mac, requested, subnet, config, now);
        }
        if (requested is not null && Ipv4.IsUnspecified(m.ClientAddress))
        {
            // INIT-REBOOT: verify the remembered address; stay silent without a record of the client.
            if (RequestSubnet(m, config) is not { } subnet)
                return DhcpDecision.Drop(DhcpDropReason.NoSubnet);
            if (!subnet.Contains(requested))
                return Nak(m, config, $"{requested} is not on {subnet.Network}");
            var reserved = Reserved(mac, subnet, config);
            if (reserved is not null)
                return reserved.Equals(requested) ? Ack(m, mac, requested, subnet, config, now) : Nak(m, config, $"{mac} is reserved {reserved}");
            if (current is null)
                return DhcpDecision.Drop(DhcpDropReason.NoRecordOfClient);
            if (current.Address.Equals(requested) && current.Status != DhcpLeaseStatus.Declined && !HeldByOther(requested, mac, leases, now))
                return Ack(m, mac, requested, subnet, config, now);
            return Nak(m, config, $"{mac} holds {current.Address}, not {requested}");
        }
        if (requested is null && !Ipv4.IsUnspecified(m.ClientAddress))
        {
            // RENEWING (unicast) or REBINDING (broadcast): extend the lease on ciaddr.
            var address = m.ClientAddress;
            var subnet = Ipv4.IsUnspecified(m.GatewayAddress) ? config.SubnetOf(address) : config.SubnetOf(m.GatewayAddress);
            if (subnet is null || !subnet.Contains(address))
                return Nak(m, config, $"{address} is not on a served subnet");
            var reserved = Reserved(mac, subnet, config);
            if (reserved is not null)
                return reserved.Equals(address) ? Ack(m, mac, address, subnet, config, now) : Nak(m, config, $"{mac} is reserved {reserved}");
            if (current is not null && current.Address.Equals(address) && current.Status != DhcpLeaseStatus.Declined)
                return Ack(m, mac, address, subnet, config, now);
            // No record (e.g. a lost lease file): adopt the address if it is free in the pool.
            if (current is null && subnet.InPool(address) && !config.ExcludedFromPools.Contains(address) && !HeldByOther(address, mac, leases, now))
                return Ack(m, mac, address, subnet, config, now);
            return Nak(m, config, $"{address} is not leased to {mac}");
        }
        return DhcpDecision.Drop(DhcpDropReason.InvalidRequest);
    }

    private static DhcpDecision Release(DhcpMessage m, MacAddress mac, DhcpServerConfig config, IDhcpLeaseView leases)
    {
        if (m.ServerIdentifier is { } id && !id.Equals(config.ServerAddress))
            return DhcpDecision.Drop(DhcpDropReason.NotForThisServer);
        var current = leases.ByClient(mac);
        if (current is null || !current.Address.Equals(m.ClientAddress))
            return DhcpDecision.Handled();
        return DhcpDecision.Handled(DhcpLeaseChange.Delete(current));
    }

    private static DhcpDecision Decline(DhcpMessage m, MacAddress mac, DhcpServerConfig config, IDhcpLeaseView leases, DateTimeOffset now)
    {
        if (m.ServerIdentifier is { } id && !id.Equals(config.ServerAddress))
            return DhcpDecision.Drop(DhcpDropReason.NotForThisServer);
        if (m.RequestedAddress is not { } address || config.SubnetOf(address) is not { } subnet)
            return DhcpDecision.Drop(DhcpDropReason.InvalidRequest);
        // RFC 2131 §4.3.3: mark the address unusable; the client starts again with DISCOVER.
        var changes = new List<DhcpLeaseChange>();
        if (leases.ByClient(mac) is { } current)
            changes.Add(DhcpLeaseChange.Delete(current));
        changes.Add(DhcpLeaseChange.Set(new DhcpServerLease(null, address, now + subnet.LeaseTime, DhcpLeaseStatus.Declined)));
        return DhcpDecision.Handled([.. changes]);
    }

    private static DhcpDecision Inform(DhcpMessage m, MacAddress mac, DhcpServerConfig config)
    {
        if (Ipv4.IsUnspecified(m.ClientAddress))
            return DhcpDecision.Drop(DhcpDropReason.InvalidRequest);
        var subnet = Ipv4.IsUnspecified(m.GatewayAddress) ? config.SubnetOf(m.ClientAddress) : config.SubnetOf(m.GatewayAddress);
        if (subnet is null)
            return DhcpDecision.Drop(DhcpDropReason.NoSubnet);
        // RFC 2131 §4.3.5: no yiaddr, no lease time.
        var reply = Reply(m, DhcpMessageType.Ack, config);
        reply.ClientAddress = m.ClientAddress;
        AddLeaseOptions(reply, subnet, mac, config, withLeaseTime: false);
        AddBootData(reply, m, mac, config, proxyOffer: false);
        EchoRelayAgent(reply, m);
        return DhcpDecision.Answer(reply);
    }

    private static DhcpDecision Proxy(DhcpMessage m, DhcpMessageType type, DhcpServerConfig config)
    {
        if (type != DhcpMessageType.Discover)
            return DhcpDecision.Drop(DhcpDropReason.ProxyIgnoresMessage);
        var mac = m.ClientMac!.Value;
        if (!PxeClientKind.Of(m).IsPxe)
            return DhcpDecision.Drop(DhcpDropReason.NotPxeClient);
        var reply = Reply(m, DhcpMessageType.Offer, config);
        if (!AddBootData(reply, m, mac, config, proxyOffer: true))
            return DhcpDecision.Drop(DhcpDropReason.NoBootFile);
        EchoRelayAgent(reply, m);
        return DhcpDecision.Answer(reply);
    }

    /// <summary>Port 4011: a configured PXE client asks for its boot file; answered with an ACK carrying no address.</summary>
    private static DhcpDecision PxeBootServer(DhcpMessage m, DhcpMessageType type, DhcpServerConfig config)
    {
        if (type is not (DhcpMessageType.Request or DhcpMessageType.Inform))
            return DhcpDecision.Drop(DhcpDropReason.UnsupportedMessageType);
        if (!PxeClientKind.Of(m).IsPxe)
            return DhcpDecision.Drop(DhcpDropReason.NotPxeClient);
        var reply = Reply(m, DhcpMessageType.Ack, config);
        reply.ClientAddress = m.ClientAddress;
        if (!AddBootData(reply, m, m.ClientMac!.Value, config, proxyOffer: false, withDiscoveryControl: false))
            return DhcpDecision.Drop(DhcpDropReason.NoBootFile);
        EchoRelayAgent(reply, m);
        return DhcpDecision.Answer(reply);
    }

    private static DhcpDecision Ack(DhcpMessage m, MacAddress mac, IPAddress address, DhcpSubnet subnet, DhcpServerConfig config, DateTimeOffset now)
    {
        var reply = Reply(m, DhcpMessageType.Ack, config);
        reply.ClientAddress = m.ClientAddress;
        reply.YourAddress = address;
        AddLeaseOptions(reply, subnet, mac, config, withLeaseTime: true);
        AddBootData(reply, m, mac, config, proxyOffer: false);
        EchoRelayAgent(reply, m);
        return DhcpDecision.Answer(reply, DhcpLeaseChange.Set(new DhcpServerLease(mac, address, now + subnet.LeaseTime, DhcpLeaseStatus.Bound)));
    }

    private static DhcpDecision Nak(DhcpMessage m, DhcpServerConfig config, string why)
    {
        // RFC 2131 §4.3.2 / table 3: no yiaddr, no ciaddr, no boot data; broadcast bit set when relayed.
        var reply = Reply(m, DhcpMessageType.Nak, config);
        if (!Ipv4.IsUnspecified(m.GatewayAddress))
            reply.Broadcast = true;
        reply.Options.SetString(DhcpOptionCode.Message, why);
        EchoRelayAgent(reply, m);
        return DhcpDecision.Answer(reply);
    }

    private static DhcpMessage Reply(DhcpMessage m, DhcpMessageType type, DhcpServerConfig config)
    {
        var reply = new DhcpMessage
        {
            Opcode = DhcpOpcode.BootReply,
            HardwareType = m.HardwareType,
            HardwareAddressLength = m.HardwareAddressLength,
            TransactionId = m.TransactionId,
            Flags = m.Flags,
            GatewayAddress = m.GatewayAddress,
            ClientHardwareAddress = (byte[])m.ClientHardwareAddress.Clone(),
        };
        reply.Options.SetByte(DhcpOptionCode.MessageType, (byte)type);
        reply.Options.SetAddress(DhcpOptionCode.ServerIdentifier, config.ServerAddress);
        return reply;
    }

    private static void AddLeaseOptions(DhcpMessage reply, DhcpSubnet subnet, MacAddress mac, DhcpServerConfig config, bool withLeaseTime)
    {
        if (withLeaseTime)
        {
            var seconds = (uint)subnet.LeaseTime.TotalSeconds;
            reply.Options.SetUInt32(DhcpOptionCode.IpAddressLeaseTime, seconds);
            // RFC 2131 §4.4.5 defaults: T1 = 0.5, T2 = 0.875 of the lease.
            reply.Options.SetUInt32(DhcpOptionCode.RenewalTime, seconds / 2);
            reply.Options.SetUInt32(DhcpOptionCode.RebindingTime, (uint)(seconds * 7UL / 8));
        }
        reply.Options.SetAddress(DhcpOptionCode.SubnetMask, Ipv4.Mask(subnet.Network.PrefixLength));
        reply.Options.SetAddress(DhcpOptionCode.BroadcastAddress, Ipv4.Broadcast(subnet.Network));
        if (subnet.Router is { } router)
            reply.Options.SetAddress(DhcpOptionCode.Router, router);
        if (subnet.DnsServers.Count > 0)
            reply.Options.SetAddresses(DhcpOptionCode.DomainNameServer, subnet.DnsServers);
        if (!string.IsNullOrEmpty(subnet.DomainName))
            reply.Options.SetString(DhcpOptionCode.DomainName, subnet.DomainName);
        if (config.Reservations.TryGetValue(mac, out var r) && !string.IsNullOrEmpty(r.HostName))
            reply.Options.SetString(DhcpOptionCode.HostName, r.HostName);
    }

    /// <summary>
    /// Fills siaddr/sname/file and options 66/67 (both: ROMs differ in which they read), 60 "PXEClient" (iPXE then does
    /// not wait for proxy offers), 97 echoed, and 43 with discovery control 8, except in a proxy OFFER to UEFI firmware,
    /// which then asks on port 4011 (pixiecore's finding). Returns false when the client gets no boot file.
    /// </summary>
    private static bool AddBootData(DhcpMessage reply, DhcpMessage m, MacAddress mac, DhcpServerConfig config, bool proxyOffer, bool withDiscoveryControl = true)
    {
        var kind = PxeClientKind.Of(m);
        if (!kind.IsPxe && !kind.IsIpxe)
            return false;
        if (BootFile(kind, mac, config.Boot) is not { } file)
            return false;
        var next = config.EffectiveNextServer;
        reply.ServerAddress = next;
        reply.ServerName = next.ToString();
        reply.BootFileName = file;
        reply.Options.SetString(DhcpOptionCode.VendorClassIdentifier, PxeClientKind.PxeVendorClass);
        reply.Options.SetString(DhcpOptionCode.TftpServerName, next.ToString());
        reply.Options.SetString(DhcpOptionCode.BootFileName, file);
        if (m.Options.Get(DhcpOptionCode.ClientMachineIdentifier) is { } guid)
            reply.Options.Set(DhcpOptionCode.ClientMachineIdentifier, guid);
        if (withDiscoveryControl && !(proxyOffer && kind.IsUefi))
            reply.Options.Set(DhcpOptionCode.VendorSpecific, PxeVendorOptions.BootFileOnly.Encode());
        return true;
    }

    /// <summary>The boot file for a client: iPXE gets its script URL, a ROM gets the loader for its architecture.</summary>
    public static string? BootFile(PxeClientKind kind, MacAddress mac, PxeBootFiles boot)
    {
        if (kind.IsIpxe && !string.IsNullOrEmpty(boot.IpxeScriptBaseUrl))
            return boot.IpxeScriptBaseUrl + mac.ToString().Replace(':', '-');
        return kind.Architecture switch
        {
            ClientArchitecture.X86Bios => boot.BiosLoader,
            ClientArchitecture.EfiIa32 => boot.Efi32Loader,
            ClientArchitecture.EfiByteCode or ClientArchitecture.EfiX64 => boot.Efi64Loader,
            _ => null,
        };
    }

    private static void EchoRelayAgent(DhcpMessage reply, DhcpMessage m)
    {
        // RFC 3046 §2.2: echo option 82 unchanged, as the last option.
        if (m.Options.Get(DhcpOptionCode.RelayAgentInformation) is { } info)
            reply.Options.Set(DhcpOptionCode.RelayAgentInformation, info);
    }

    /// <summary>The subnet of the relay (giaddr) or, for a request on the local link, of the server's own address.</summary>
    private static DhcpSubnet? RequestSubnet(DhcpMessage m, DhcpServerConfig config) =>
        config.SubnetOf(Ipv4.IsUnspecified(m.GatewayAddress) ? config.ServerAddress : m.GatewayAddress);

    private static IPAddress? Reserved(MacAddress mac, DhcpSubnet subnet, DhcpServerConfig config) =>
        config.Reservations.TryGetValue(mac, out var r) && subnet.Contains(r.Address) ? r.Address : null;

    private static bool HeldByOther(IPAddress address, MacAddress mac, IDhcpLeaseView leases, DateTimeOffset now) =>
        leases.ByAddress(address) is { } lease && lease.IsActive(now) && lease.Client != mac;

    private static IPAddress? PickAddress(DhcpMessage m, MacAddress mac, DhcpSubnet subnet, DhcpServerConfig config, IDhcpLeaseView leases, DateTimeOffset now)
    {
        if (Reserved(mac, subnet, config) is { } reserved)
            return reserved;
        if (leases.ByClient(mac) is { Status: not DhcpLeaseStatus.Declined } current && subnet.Contains(current.Address))
            return current.Address;
        if (m.RequestedAddress is { } wanted && subnet.InPool(wanted) && !config.ExcludedFromPools.Contains(wanted) && !HeldByOther(wanted, mac, leases, now))
            return wanted;
        return leases.FindFreeAddress(subnet.PoolStart, subnet.PoolEnd, now, config.ExcludedFromPools);
    }
}
