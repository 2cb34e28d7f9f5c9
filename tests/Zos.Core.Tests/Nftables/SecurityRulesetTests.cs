using System.Net;
using Xunit;
using Zos.Core.Nftables;

namespace Zos.Core.Tests.Nftables;

/// <summary>The isolation parts of the host, ndmz and network-resource rulesets, rendered.</summary>
public class SecurityRulesetTests
{
    private static readonly HostFirewallOptions WithNdmz = new()
    {
        NdmzLink = "tondmz",
        OpenUdpPorts = [7002, 7001, 7001],
        ManagementPrefixes = [IPNetwork.Parse("10.61.0.0/24"), IPNetwork.Parse("2001:db8:61::/64")],
    };

    [Fact]
    public void HostFirewall_WithNdmz_UserNetworksReachNeitherNodeNorFarmAndLeaveOnlyByUplink()
    {
        var ruleset = ZosRulesets.HostFirewall(WithNdmz);
        var text = string.Concat(ruleset.Tables.Select(NftRenderer.RenderTable));

        Assert.Equal(["zos-host", "zos-host-nat"], ruleset.Tables.Select(t => t.Name));
        Assert.Contains("""
            		iifname "tondmz" icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
            		iifname "tondmz" counter drop comment "user networks never reach the node"
            		icmp type echo-request accept
            """, text, StringComparison.Ordinal);
        Assert.Contains("udp dport { 7001, 7002 } accept comment \"WireGuard\"", text, StringComparison.Ordinal);
        Assert.Contains("""
            		iifname "tondmz" tcp dport 25 reject with icmpx type admin-prohibited comment "no SMTP out of user networks"
            		iifname "tondmz" ip daddr 10.61.0.0/24 counter drop comment "user networks never reach the farm management network"
            		iifname "tondmz" ip6 daddr 2001:db8:61::/64 counter drop comment "user networks never reach the farm management network"
            		iifname "tondmz" oifname != "zos" counter drop comment "user networks leave only through the uplink"
            		oifname "tondmz" ct state { established, related } accept
            		oifname "tondmz" counter drop comment "nothing new into user networks"
            """, text, StringComparison.Ordinal);
        Assert.Contains("""
            		oifname "zos" ip saddr 100.127.0.0/16 masquerade fully-random
            		oifname "zos" ip6 saddr fd00::/64 masquerade fully-random
            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void HostFirewall_Default_HasNoNdmzRulesAndNoNatTable()
    {
        var ruleset = ZosRulesets.HostFirewall();

        Assert.Single(ruleset.Tables);
        Assert.DoesNotContain("tondmz", NftRenderer.RenderTransaction(ruleset), StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkResource_WithWorkloadPrefixes_DropsSpoofedSourcesFirst()
    {
        var ruleset = ZosRulesets.NetworkResource(new NetworkResourceFirewallOptions
        {
            WorkloadLink = "n-abc",
            WorkloadPrefixes = [IPNetwork.Parse("10.20.3.0/24"), IPNetwork.Parse("fd35:3642:5a4e:3::/64")],
        });
        var filter = NftRenderer.RenderTable(ruleset.Tables[1]);
        const string checks = """
            		iifname "n-abc" ip saddr != 10.20.3.0/24 counter drop comment "spoofed IPv4 source"
            		iifname "n-abc" ip6 saddr != { fd35:3642:5a4e:3::/64, fe80::/10 } counter drop comment "spoofed IPv6 source"
            		jump base_checks
            """;

        Assert.Equal(2, filter.Split(checks).Length - 1);
    }

    [Fact]
    public void Ndmz_RoutedOnly_NoNatTableAndNatTableObsolete()
    {
        var ruleset = ZosRulesets.Ndmz(new NdmzFirewallOptions { Uplinks = ["tohost"], Masquerade = false, OpenTcpPorts = [] });

        Assert.Equal([ZosRulesets.FilterTableName], ruleset.Tables.Select(t => t.Name));
        Assert.Equal([(NftFamily.Inet, ZosRulesets.NatTableName)], ruleset.Obsolete);
        Assert.Contains("iifname \"tohost\" counter drop", NftRenderer.RenderTable(ruleset.Tables[0]), StringComparison.Ordinal);
    }
}
