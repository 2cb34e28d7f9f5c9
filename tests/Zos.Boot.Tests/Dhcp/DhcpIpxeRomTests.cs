using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Boot.Dhcp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Boot.Tests.Dhcp;

/// <summary>
/// The DHCP half of a network boot with a real iPXE ROM (qemu's e1000 option ROM, TCG, a tap on the test bridge): it
/// must get its reserved address and, being iPXE, the HTTP script URL as its filename. The HTTP/TFTP side is not here.
/// </summary>
public sealed partial class DhcpIpxeRomTests
{
    private static readonly MacAddress RomMac = MacAddress.Parse("52:54:00:98:00:07");

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]|\x08")]
    private static partial Regex TerminalCodes();

    [Fact]
    public async Task IpxeRom_ReservedMac_GetsAddressAndHttpScriptUrl()
    {
        Require.Privileged("ip", "qemu-system-x86_64");
        await using var lan = new DhcpTestLan();
        var tap = lan.AddTap();
        var server = lan.StartServer(o => o with
        {
            Config = o.Config with
            {
                Subnets = [new DhcpSubnet(IPNetwork.Parse("10.77.0.0/24"), IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.199"), IPAddress.Parse("10.77.0.1"), [IPAddress.Parse("10.77.0.1")], null, TimeSpan.FromMinutes(10))],
                Reservations = new Dictionary<MacAddress, DhcpReservation> { [RomMac] = new(IPAddress.Parse("10.77.0.17")) },
                Boot = new PxeBootFiles(IpxeScriptBaseUrl: "http://10.77.0.1:8080/boot/"),
            },
        });
        var console = new System.Text.StringBuilder();

        var qemu = lan.Spawn(lan.ServerNamespace, "qemu-system-x86_64", ["-machine", "pc", "-accel", "tcg", "-m", "128", "-nographic", "-boot", "n", "-no-reboot",
            "-netdev", $"tap,id=n0,ifname={tap},script=no,downscript=no", "-device", $"e1000,netdev=n0,mac={RomMac}"], line =>
            {
                lock (console)
                    console.AppendLine(TerminalCodes().Replace(line, ""));
            });

        string Text()
        {
            lock (console)
                return console.ToString();
        }
        var url = "http://10.77.0.1:8080/boot/52-54-00-98-00-07";
        Assert.True(await DhcpTestLan.WaitForAsync(() => Text().Contains(url, StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            $"iPXE did not get the script URL; counters: {server.Counters}; console:\n{Text()}");
        Assert.Contains("10.77.0.17/255.255.255.0", Text(), StringComparison.Ordinal);
        Assert.True(server.Counters.Replied(DhcpMessageType.Offer) >= 1, server.Counters.ToString());
        Assert.True(server.Counters.Replied(DhcpMessageType.Ack) >= 1, server.Counters.ToString());
        var lease = Assert.Single(server.Leases());
        Assert.Equal(RomMac, lease.Client);
        Assert.Equal(DhcpLeaseStatus.Bound, lease.Status);
        qemu.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task IpxeRom_ProxyModeBesideDnsmasq_GetsAddressFromDnsmasqAndScriptUrlFromUs()
    {
        Require.Privileged("ip", "qemu-system-x86_64", "dnsmasq");
        var mac = MacAddress.Parse("52:54:00:98:00:08");
        await using var lan = new DhcpTestLan();
        var tap = lan.AddTap();
        // The farm's existing DHCP server: addresses only, no boot data.
        var dnsmasq = new DnsmasqCommand(lan.Bridge, "10.77.0.100", "10.77.0.199", Path.Combine(lan.Directory, "dnsmasq.leases"))
        {
            LeaseTime = "10m",
            Authoritative = false,
            LogFacility = "-",
            LogDhcp = true,
        };
        lan.Spawn(lan.ServerNamespace, "dnsmasq", [.. dnsmasq.Arguments()], null);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var server = lan.StartServer(o => o with
        {
            ListenPxePort = true,
            Config = o.Config with
            {
                Mode = DhcpServerMode.Proxy,
                KnownClients = new HashSet<MacAddress> { mac },
                Boot = new PxeBootFiles(IpxeScriptBaseUrl: "http://10.77.0.1:8080/boot/"),
            },
        });
        var console = new System.Text.StringBuilder();

        lan.Spawn(lan.ServerNamespace, "qemu-system-x86_64", ["-machine", "pc", "-accel", "tcg", "-m", "128", "-nographic", "-boot", "n", "-no-reboot",
            "-netdev", $"tap,id=n0,ifname={tap},script=no,downscript=no", "-device", $"e1000,netdev=n0,mac={mac}"], line =>
            {
                lock (console)
                    console.AppendLine(TerminalCodes().Replace(line, ""));
            });

        string Text()
        {
            lock (console)
                return console.ToString();
        }
        var url = "http://10.77.0.1:8080/boot/52-54-00-98-00-08";
        Assert.True(await DhcpTestLan.WaitForAsync(() => Text().Contains(url, StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            $"iPXE did not get the script URL; counters: {server.Counters}; console:\n{Text()}");
        Assert.Matches(@"net0: 10\.77\.0\.1\d\d/255\.255\.255\.0", Text());
        Assert.True(server.Counters.Replied(DhcpMessageType.Offer) >= 1, server.Counters.ToString());
        // The proxy stays out of the address exchange: iPXE's REQUEST to dnsmasq is seen and left alone. (This BIOS
        // iPXE takes the boot file from the proxy OFFER, with option 43 saying "no discovery", and never asks on 4011.)
        Assert.True(server.Counters.Dropped(DhcpDropReason.ProxyIgnoresMessage) >= 1, server.Counters.ToString());
        Assert.Equal(0, server.Counters.Replied(DhcpMessageType.Ack));
        Assert.Empty(server.Leases());
    }
}

