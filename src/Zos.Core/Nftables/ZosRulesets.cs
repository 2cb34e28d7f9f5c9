using System.Net;

namespace Zos.Core.Nftables;

/// <summary>
/// The rulesets the node applies, built from the typed model (pure). Tables are named "zos-*" so that applying
/// replaces only them.
/// </summary>
public static class ZosRulesets
{
    /// <summary>The NAT table of ndmz and network resources.</summary>
    public const string NatTableName = "zos-nat";

    /// <summary>The filter table of ndmz and network resources.</summary>
    public const string FilterTableName = "zos-filter";

    private static readonly NftVerdict Accept = NftVerdict.Accept;
    private static readonly NftVerdict Drop = NftVerdict.Drop;

    /// <summary>
    /// Host firewall: input policy drop; in only loopback, established/related, ICMP echo (setting), ICMPv6 neighbour
    /// discovery and router adverts, DHCPv4 client replies (udp 68), DHCPv6 client replies from link-local servers and
    /// the WireGuard ports whose socket lives here; forward: TCP 25 out of user networks is refused with
    /// admin-prohibited (zos#1987). With an ndmz link: user networks reach neither the node nor the farm's management
    /// network, leave only through the uplink, nothing new enters them, and they are masqueraded to the node's address.
    /// </summary>
    public static NftRuleset HostFirewall(HostFirewallOptions? options = null)
    {
        options ??= new HostFirewallOptions();
        var input = new List<NftRule>
        {
            new(Accept, NftInterfaceMatch.In("lo")),
            new(Accept, new NftCtStateMatch(NftCtState.Established | NftCtState.Related)),
            new(Drop, new NftCtStateMatch(NftCtState.Invalid)),
        };
        if (options.NdmzLink is { } ndmz)
        {
            // Neighbour discovery on the transit link is needed to route user traffic; nothing else from it reaches the node.
            input.Add(new NftRule(Accept, NftInterfaceMatch.In(ndmz), NftIcmpTypeMatch.V6(NftIcmpv6Type.NdNeighborSolicit, NftIcmpv6Type.NdNeighborAdvert)));
            input.Add(new NftRule([NftInterfaceMatch.In(ndmz)], [NftCounter.Instance, Drop], "user networks never reach the node"));
        }
        if (options.AllowIcmpEcho)
            input.Add(new NftRule(Accept, NftIcmpTypeMatch.V4(NftIcmpType.EchoRequest)));
        var v6 = new List<NftIcmpv6Type>
        {
            NftIcmpv6Type.NdNeighborSolicit, NftIcmpv6Type.NdNeighborAdvert, NftIcmpv6Type.NdRouterAdvert,
        };
        if (options.AllowIcmpEcho)
            v6.Insert(0, NftIcmpv6Type.EchoRequest);
        input.Add(new NftRule(Accept, NftIcmpTypeMatch.V6([.. v6])));
        input.Add(new NftRule([NftPortMatch.UdpDport(68)], [Accept], "DHCPv4 client"));
        input.Add(new NftRule([NftAddressMatch.Source(IPNetwork.Parse("fe80::/10")), NftPortMatch.UdpDport(546)], [Accept], "DHCPv6 client"));
        if (options.OpenUdpPorts.Count > 0)
            input.Add(new NftRule([NftPortMatch.UdpDport([.. options.OpenUdpPorts.Distinct().Order()])], [Accept], "WireGuard"));
        input.Add(new NftRule([], [NftCounter.Instance], "dropped by policy"));

        var forward = new List<NftRule>
        {
            new([NftInterfaceMatch.In(options.UserNetworkInterfacePattern), NftPortMatch.TcpDport(25)],
                [new NftReject(NftRejectKind.AdminProhibited)], "no SMTP out of user networks"),
        };
        var tables = new List<NftTable>();
        if (options.NdmzLink is { } link)
        {
            forward.Add(new NftRule([NftInterfaceMatch.In(link), NftPortMatch.TcpDport(25)],
                [new NftReject(NftRejectKind.AdminProhibited)], "no SMTP out of user networks"));
            foreach (var family in options.ManagementPrefixes.GroupBy(p => p.BaseAddress.AddressFamily))
            {
                forward.Add(new NftRule([NftInterfaceMatch.In(link), NftAddressMatch.Dest([.. family])],
                    [NftCounter.Instance, Drop], "user networks never reach the farm management network"));
            }
            forward.Add(new NftRule([NftInterfaceMatch.In(link), new NftInterfaceMatch(outgoing: true, options.Uplink, negate: true)],
                [NftCounter.Instance, Drop], "user networks leave only through the uplink"));
            forward.Add(new NftRule(Accept, NftInterfaceMatch.Out(link), new NftCtStateMatch(NftCtState.Established | NftCtState.Related)));
            forward.Add(new NftRule([NftInterfaceMatch.Out(link)], [NftCounter.Instance, Drop], "nothing new into user networks"));
            var postrouting = options.UserNetworkSources
                .GroupBy(p => p.BaseAddress.AddressFamily)
                .Select(g => new NftRule(new NftMasquerade(FullyRandom: true), NftInterfaceMatch.Out(options.Uplink), NftAddressMatch.Source([.. g])))
                .ToArray();
            tables.Add(new NftTable(NftFamily.Inet, options.NatTableName,
            [
                new NftChain("postrouting", new NftBaseChain(NftChainType.Nat, NftHook.Postrouting, 100, NftPolicy.Accept), postrouting),
            ]));
        }
        tables.Insert(0, new NftTable(NftFamily.Inet, options.TableName,
        [
            new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Drop), input),
            new NftChain("forward", new NftBaseChain(NftChainType.Filter, NftHook.Forward, 0, NftPolicy.Accept), forward),
        ]));
        return new NftRuleset(tables);
    }

    /// <summary>
    /// The <c>public</c> namespace (the farm's public addresses, the WireGuard sockets while it exists): input policy
    /// drop; in only loopback, established/related, ICMPv6 neighbour discovery and router adverts (RFC 4861: without them
    /// the public IPv6 address and gateway stop working), ICMP/ICMPv6 echo when the farm answers it, and the WireGuard
    /// listen ports of the node's networks. Nothing is forwarded by this namespace, and nothing listens in it but WireGuard.
    /// </summary>
    public static NftRuleset PublicNamespace(PublicFirewallOptions? options = null)
    {
        options ??= new PublicFirewallOptions();
        var input = new List<NftRule>
        {
            new(Accept, NftInterfaceMatch.In("lo")),
            new(Accept, new NftCtStateMatch(NftCtState.Established | NftCtState.Related)),
            new(Drop, new NftCtStateMatch(NftCtState.Invalid)),
        };
        if (options.AllowIcmpEcho)
            input.Add(new NftRule(Accept, NftIcmpTypeMatch.V4(NftIcmpType.EchoRequest)));
        var v6 = new List<NftIcmpv6Type> { NftIcmpv6Type.NdNeighborSolicit, NftIcmpv6Type.NdNeighborAdvert, NftIcmpv6Type.NdRouterAdvert };
        if (options.AllowIcmpEcho)
            v6.Insert(0, NftIcmpv6Type.EchoRequest);
        input.Add(new NftRule(Accept, NftIcmpTypeMatch.V6([.. v6])));
        if (options.OpenUdpPorts.Count > 0)
            input.Add(new NftRule([NftPortMatch.UdpDport([.. options.OpenUdpPorts.Distinct().Order()])], [Accept], "WireGuard"));
        input.Add(new NftRule([], [NftCounter.Instance], "dropped by policy"));
        return new NftRuleset([new NftTable(NftFamily.Inet, options.TableName,
        [
            new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Drop), input),
            new NftChain("forward", new NftBaseChain(NftChainType.Filter, NftHook.Forward, 0, NftPolicy.Drop), []),
        ])]);
    }

    /// <summary>
    /// ndmz (reference §2.3): masquerade (fully random) toward the uplinks except Yggdrasil-sourced IPv6; input accepts
    /// established, link-local and multicast IPv6, the overlay ports, ICMPv6 (and ICMPv4 echo by setting) and drops the
    /// rest from the uplinks; forward drops anything new from the uplinks and refuses SMTP from network resources.
    /// </summary>
    public static NftRuleset Ndmz(NdmzFirewallOptions? options = null)
    {
        options ??= new NdmzFirewallOptions();
        var postrouting = new List<NftRule> { new(Accept, NftAddressMatch.Source(IPNetwork.Parse("200::/7"))) };
        if (options.Masquerade)
            postrouting.AddRange(options.Uplinks.Select(u => new NftRule(new NftMasquerade(FullyRandom: true), NftInterfaceMatch.Out(u))));

        var input = new List<NftRule>
        {
            new(new NftJump("base_checks")),
            new(Accept, NftAddressMatch.Dest(IPNetwork.Parse("ff02::/16"), IPNetwork.Parse("fe80::/64"))),
        };
        if (options.OpenTcpPorts.Count > 0)
            input.Add(new NftRule(Accept, NftPortMatch.TcpDport([.. options.OpenTcpPorts])));
        input.Add(new NftRule(Accept, NftProtocolMatch.Icmpv6));
        if (options.AllowIcmpEcho)
            input.Add(new NftRule(Accept, NftIcmpTypeMatch.V4(NftIcmpType.EchoRequest)));
        input.AddRange(options.Uplinks.Select(u => new NftRule([NftInterfaceMatch.In(u)], [NftCounter.Instance, Drop])));

        var forward = new List<NftRule>
        {
            new(new NftJump("base_checks")),
            new([NftInterfaceMatch.In(options.NetworkResourceLink), NftPortMatch.TcpDport(25)],
                [new NftReject(NftRejectKind.AdminProhibited)], "no SMTP out of user networks"),
        };
        forward.AddRange(options.Uplinks.Select(u => new NftRule([NftInterfaceMatch.In(u)], [NftCounter.Instance, Drop])));
        if (!options.Masquerade)
            return new NftRuleset([FilterTable(input, forward)]) { Obsolete = [(NftFamily.Inet, NatTableName)] };
        return new NftRuleset([NatTable([.. postrouting]), FilterTable(input, forward)]);
    }

    /// <summary>
    /// Network resource (reference §4.8): masquerade toward <paramref name="publicInterface"/>; nothing new in from it
    /// (input and forward); the mesh and local VMs are trusted; SMTP out is refused.
    /// </summary>
    public static NftRuleset NetworkResource(string publicInterface = "public") =>
        NetworkResource(new NetworkResourceFirewallOptions { PublicInterface = publicInterface });

    /// <summary>
    /// Network resource (reference §4.8) with source checks: packets from the workloads' link whose source is not one
    /// of the resource's own prefixes (a workload spoofing the node's or another network's address) are dropped before
    /// anything else, in input and forward.
    /// </summary>
    public static NftRuleset NetworkResource(NetworkResourceFirewallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var publicInterface = options.PublicInterface;
        var antiSpoof = new List<NftRule>();
        if (options.WorkloadLink is { } workloads)
        {
            var v4 = options.WorkloadPrefixes.Where(p => p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToList();
            var v6 = options.WorkloadPrefixes.Where(p => p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                .Append(IPNetwork.Parse("fe80::/10")).ToList();
            if (v4.Count > 0)
                antiSpoof.Add(new NftRule([NftInterfaceMatch.In(workloads), new NftAddressMatch(false, v4, negate: true)], [NftCounter.Instance, Drop], "spoofed IPv4 source"));
            else
                antiSpoof.Add(new NftRule([NftInterfaceMatch.In(workloads), NftProtocolMatch.Ipv4], [NftCounter.Instance, Drop], "no IPv4 source allowed"));
            antiSpoof.Add(new NftRule([NftInterfaceMatch.In(workloads), new NftAddressMatch(false, v6, negate: true)], [NftCounter.Instance, Drop], "spoofed IPv6 source"));
        }
        var postrouting = new NftRule(new NftMasquerade(FullyRandom: true), NftInterfaceMatch.Out(publicInterface));
        var input = new List<NftRule>(antiSpoof)
        {
            new(new NftJump("base_checks")),
            new(Accept, NftProtocolMatch.Icmpv6),
            new([NftInterfaceMatch.In(publicInterface)], [NftCounter.Instance, Drop]),
        };
        var forward = new List<NftRule>(antiSpoof)
        {
            new(new NftJump("base_checks")),
            new([NftInterfaceMatch.Out(publicInterface), NftPortMatch.TcpDport(25)],
                [new NftReject(NftRejectKind.AdminProhibited)], "no SMTP out of user networks"),
            new([NftInterfaceMatch.In(publicInterface)], [NftCounter.Instance, Drop]),
        };
        return new NftRuleset([NatTable(postrouting), FilterTable(input, forward)]);
    }

    private static NftTable NatTable(params NftRule[] postrouting) => new(NftFamily.Inet, NatTableName,
    [
        new NftChain("postrouting", new NftBaseChain(NftChainType.Nat, NftHook.Postrouting, 100, NftPolicy.Accept), postrouting),
    ]);

    private static NftTable FilterTable(IReadOnlyList<NftRule> input, IReadOnlyList<NftRule> forward) => new(NftFamily.Inet, FilterTableName,
    [
        new NftChain("base_checks", null,
        [
            new NftRule(Accept, new NftCtStateMatch(NftCtState.Established | NftCtState.Related)),
            new NftRule(Drop, new NftCtStateMatch(NftCtState.Invalid)),
        ]),
        new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept), input),
        new NftChain("forward", new NftBaseChain(NftChainType.Filter, NftHook.Forward, 0, NftPolicy.Accept), forward),
    ]);
}
