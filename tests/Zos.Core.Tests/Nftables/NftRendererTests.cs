using System.Net;
using Xunit;
using Zos.Core.Nftables;

namespace Zos.Core.Tests.Nftables;

public class NftRendererTests
{
    [Fact]
    public void RenderTransaction_ReplacesEachTableWithoutTouchingOthers()
    {
        var ruleset = new NftRuleset([new NftTable(NftFamily.Inet, "zos-a",
            [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, -10, NftPolicy.Drop), [new NftRule(NftVerdict.Accept, NftInterfaceMatch.In("lo"))])])])
        {
            Obsolete = [(NftFamily.Ip, "zos-old")],
        };
        Assert.Equal("""
            table ip zos-old
            delete table ip zos-old
            table inet zos-a
            delete table inet zos-a
            table inet zos-a {
            	chain input {
            		type filter hook input priority -10; policy drop;
            		iifname "lo" accept
            	}
            }

            """, NftRenderer.RenderTransaction(ruleset));
    }

    [Fact]
    public void HostFirewall_Default_RendersPolicyDropWithEchoNdDhcpAndSmtpRefusal()
    {
        var table = ZosRulesets.HostFirewall().Tables.Single();
        Assert.Equal("""
            table inet zos-host {
            	chain input {
            		type filter hook input priority 0; policy drop;
            		iifname "lo" accept
            		ct state { established, related } accept
            		ct state invalid drop
            		icmp type echo-request accept
            		icmpv6 type { echo-request, nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept
            		udp dport 68 accept comment "DHCPv4 client"
            		ip6 saddr fe80::/10 udp dport 546 accept comment "DHCPv6 client"
            		counter comment "dropped by policy"
            	}
            	chain forward {
            		type filter hook forward priority 0; policy accept;
            		iifname "b-*" tcp dport 25 reject with icmpx type admin-prohibited comment "no SMTP out of user networks"
            	}
            }

            """, NftRenderer.RenderTable(table));
    }

    [Fact]
    public void HostFirewall_EchoOff_NoEchoRules()
    {
        var text = NftRenderer.RenderTable(ZosRulesets.HostFirewall(new HostFirewallOptions { AllowIcmpEcho = false }).Tables.Single());
        Assert.DoesNotContain("echo-request", text, StringComparison.Ordinal);
        Assert.Contains("icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ndmz_Default_RendersNatAndFilter()
    {
        var ruleset = ZosRulesets.Ndmz();
        Assert.Equal("""
            table inet zos-nat {
            	chain postrouting {
            		type nat hook postrouting priority 100; policy accept;
            		ip6 saddr 200::/7 accept
            		oifname "npub4" masquerade fully-random
            		oifname "npub6" masquerade fully-random
            	}
            }
            table inet zos-filter {
            	chain base_checks {
            		ct state { established, related } accept
            		ct state invalid drop
            	}
            	chain input {
            		type filter hook input priority 0; policy accept;
            		jump base_checks
            		ip6 daddr { ff02::/16, fe80::/64 } accept
            		tcp dport { 9943, 9944, 9945, 9651 } accept
            		meta l4proto icmpv6 accept
            		icmp type echo-request accept
            		iifname "npub4" counter drop
            		iifname "npub6" counter drop
            	}
            	chain forward {
            		type filter hook forward priority 0; policy accept;
            		jump base_checks
            		iifname "tonrs" tcp dport 25 reject with icmpx type admin-prohibited comment "no SMTP out of user networks"
            		iifname "npub4" counter drop
            		iifname "npub6" counter drop
            	}
            }

            """, string.Concat(ruleset.Tables.Select(NftRenderer.RenderTable)));
    }

    [Fact]
    public void NetworkResource_Default_MasqueradesOnPublicAndDropsNewFromIt()
    {
        var ruleset = ZosRulesets.NetworkResource();
        Assert.Equal("""
            table inet zos-nat {
            	chain postrouting {
            		type nat hook postrouting priority 100; policy accept;
            		oifname "public" masquerade fully-random
            	}
            }
            table inet zos-filter {
            	chain base_checks {
            		ct state { established, related } accept
            		ct state invalid drop
            	}
            	chain input {
            		type filter hook input priority 0; policy accept;
            		jump base_checks
            		meta l4proto icmpv6 accept
            		iifname "public" counter drop
            	}
            	chain forward {
            		type filter hook forward priority 0; policy accept;
            		jump base_checks
            		oifname "public" tcp dport 25 reject with icmpx type admin-prohibited comment "no SMTP out of user networks"
            		iifname "public" counter drop
            	}
            }

            """, string.Concat(ruleset.Tables.Select(NftRenderer.RenderTable)));
    }

    [Theory]
    [InlineData(NftFamily.Ip, "reject with icmp type admin-prohibited")]
    [InlineData(NftFamily.Ip6, "reject with icmpv6 type admin-prohibited")]
    [InlineData(NftFamily.Inet, "reject with icmpx type admin-prohibited")]
    public void Reject_AdminProhibited_UsesTheFamilysIcmp(NftFamily family, string expected) =>
        Assert.Equal(expected, NftRenderer.RenderRule(new NftRule(new NftReject(NftRejectKind.AdminProhibited)), family));

    [Fact]
    public void AddressMatch_SingleAddressesAndPrefixes_RenderAsSet() =>
        Assert.Equal("ip daddr != { 192.0.2.1, 198.51.100.0/24 } drop",
            NftRenderer.RenderRule(new NftRule(NftVerdict.Drop, new NftAddressMatch(true, [IPNetwork.Parse("192.0.2.1/32"), IPNetwork.Parse("198.51.100.0/24")], negate: true)), NftFamily.Inet));

    [Fact]
    public void AddressMatch_IPv6InIpTable_Throws()
    {
        var rule = new NftRule(NftVerdict.Drop, NftAddressMatch.Source(IPNetwork.Parse("2001:db8::/32")));
        var e = Assert.Throws<InvalidOperationException>(() => NftRenderer.RenderRule(rule, NftFamily.Ip));
        Assert.Equal("an IPv6 address match cannot be used in a ip table", e.Message);
    }

    [Theory]
    [InlineData("eth0\" accept #")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("with space")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("sixteen-chars-xx")]
    [InlineData("a*b")]
    [InlineData("back\\slash")]
    public void InterfaceMatch_InvalidName_ThrowsNamingIt(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => NftInterfaceMatch.In(name));
        Assert.Equal($"invalid interface name '{name}': 1 to 15 characters, not '.' or '..', without '/', ':', quotes, backslash or whitespace ('*' only at the end as a prefix wildcard) (Parameter 'pattern')", e.Message);
    }

    [Theory]
    [InlineData("fifteen-chars-x")]
    [InlineData("b-*")]
    [InlineData("w-56BZN8Jf3Nc6L")]
    public void InterfaceMatch_ValidNames_Accepted(string name) => Assert.Equal(name, NftInterfaceMatch.Out(name).Pattern);

    [Fact]
    public void Comment_WithQuote_ThrowsBecauseNftCannotEscapeIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new NftRule(NftVerdict.Accept).WithComment("say \"hi\""));
        Assert.Equal("invalid nftables comment 'say \"hi\"': it contains a quote, backslash or control character, which nft strings cannot escape (Parameter 'comment')", e.Message);
    }

    [Fact]
    public void Comment_TooLong_Throws()
    {
        var text = new string('x', 129);
        var e = Assert.Throws<ArgumentException>(() => new NftRule([], [NftVerdict.Accept], text));
        Assert.Equal($"invalid nftables comment '{text}': longer than 128 bytes (Parameter 'comment')", e.Message);
    }

    [Theory]
    [InlineData("counter", "invalid nftables chain name 'counter': it is an nft keyword (Parameter 'name')")]
    [InlineData("in put", "invalid nftables chain name 'in put': a letter followed by letters, digits, '_' or '-' (at most 63 characters) (Parameter 'name')")]
    [InlineData("9x", "invalid nftables chain name '9x': a letter followed by letters, digits, '_' or '-' (at most 63 characters) (Parameter 'name')")]
    public void Chain_BadName_Throws(string name, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => new NftChain(name, null, [])).Message);

    [Fact]
    public void Table_JumpToUnknownChain_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new NftTable(NftFamily.Inet, "zos-t",
            [new NftChain("input", null, [new NftRule(new NftJump("nowhere"))])]));
        Assert.Equal("table inet zos-t: chain 'input' jumps to unknown chain 'nowhere' (Parameter 'chains')", e.Message);
    }

    [Fact]
    public void RenderRule_ProtocolCtPortAndNegatedInterface()
    {
        var rule = new NftRule([NftProtocolMatch.Ipv6, new NftInterfaceMatch(false, "lo", negate: true), new NftCtStateMatch(NftCtState.New),
            new NftPortMatch(NftTransport.Udp, false, [67, 68])], [NftCounter.Instance, NftVerdict.Return]);
        Assert.Equal("meta nfproto ipv6 iifname != \"lo\" ct state new udp sport { 67, 68 } counter return", NftRenderer.RenderRule(rule, NftFamily.Inet));
    }
}
