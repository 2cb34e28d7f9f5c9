using System.Net;

namespace Zos.Linux.Nftables;

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
    /// discovery and router adverts, DHCPv4 client replies (udp 68) and DHCPv6 client replies from link-local servers;
    /// forward: TCP 25 out of user networks is refused with admin-prohibited (zos#1987).
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
        input.Add(new NftRule([], [NftCounter.Instance], "dropped by policy"));

        var forward = new List<NftRule>
        {
            new([NftInterfaceMatch.In(options.UserNetworkInterfacePattern), NftPortMatch.TcpDport(25)],
                [new NftReject(NftRejectKind.AdminProhibited)], "no SMTP out of user networks"),
        };
        return new NftRuleset([new NftTable(NftFamily.Inet, options.TableName,
        [
            new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Drop), input),
            new NftChain("forward", new NftBaseChain(NftChainType.Filter, NftHook.Forward, 0, NftPolicy.Accept), forward),
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
        return new NftRuleset([NatTable([.. postrouting]), FilterTable(input, forward)]);
    }

    /// <summary>
    /// Network resource (reference §4.8): masquerade toward <paramref name="publicInterface"/>; nothing new in from it
    /// (input and forward); the mesh and local VMs are trusted; SMTP out is refused.
    /// </summary>
    public static NftRuleset NetworkResource(string publicInterface = "public")
    {
        var postrouting = new NftRule(new NftMasquerade(FullyRandom: true), NftInterfaceMatch.Out(publicInterface));
        var input = new List<NftRule>
        {
            new(new NftJump("base_checks")),
            new(Accept, NftProtocolMatch.Icmpv6),
            new([NftInterfaceMatch.In(publicInterface)], [NftCounter.Instance, Drop]),
        };
        var forward = new List<NftRule>
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
