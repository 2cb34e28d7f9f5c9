using Xunit;
using Zos.Core.Nftables;
using Zos.Linux.Nftables;

namespace Zos.Linux.Tests.Nftables;

public class NftJsonParserTests
{
    // Captured from nft 1.0.6 on the build machine: `nft -j list ruleset` in a namespace holding two tables.
    private const string Captured = """
{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "zos-x", "handle": 1}}, {"chain": {"family": "inet", "table": "zos-x", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}}, {"chain": {"family": "inet", "table": "zos-x", "name": "base_checks", "handle": 2}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "input", "handle": 3, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "b-*"}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 25}}, {"reject": {"type": "icmpx", "expr": "admin-prohibited"}}]}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "input", "handle": 4, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": "ipv6-icmp"}}, {"accept": null}]}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "input", "handle": 5, "comment": "a b", "expr": [{"jump": {"target": "base_checks"}}]}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "base_checks", "handle": 7, "expr": [{"match": {"op": "==", "left": {"ct": {"key": "state"}}, "right": {"set": ["established", "related"]}}}, {"accept": null}]}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "base_checks", "handle": 8, "expr": [{"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": "invalid"}}, {"drop": null}]}}, {"rule": {"family": "inet", "table": "zos-x", "chain": "base_checks", "handle": 10, "comment": "x", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": {"set": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, "192.0.2.1"]}}}, {"counter": {"packets": 0, "bytes": 0}}, {"drop": null}]}}, {"table": {"family": "inet", "name": "nat2", "handle": 2}}, {"chain": {"family": "inet", "table": "nat2", "name": "postrouting", "handle": 1, "type": "nat", "hook": "postrouting", "prio": 100, "policy": "accept"}}, {"rule": {"family": "inet", "table": "nat2", "chain": "postrouting", "handle": 2, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}}, "right": {"prefix": {"addr": "200::", "len": 7}}}}, {"accept": null}]}}, {"rule": {"family": "inet", "table": "nat2", "chain": "postrouting", "handle": 3, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "oifname"}}, "right": "npub4"}}, {"masquerade": {"flags": "fully-random"}}]}}]}

""";

    [Fact]
    public void Parse_CapturedRuleset_TablesChainsRulesAndCounters()
    {
        var live = NftJsonParser.Parse(Captured);
        Assert.Equal(["inet zos-x", "inet nat2"], live.Tables.Select(t => $"{t.Family} {t.Name}"));
        var table = live.Table(NftFamily.Inet, "zos-x")!;
        var input = table.Chain("input")!;
        Assert.Equal(("filter", "input", 0, "accept"), (input.Type, input.Hook, input.Priority, input.Policy));
        Assert.Equal(3, input.Rules.Count);
        Assert.Equal("a b", input.Rules[2].Comment);
        var checks = table.Chain("base_checks")!;
        Assert.Null(checks.Hook);
        Assert.Equal(3, checks.Rules.Count);
        Assert.Equal((0L, 0L), (checks.Rules[2].Packets!.Value, checks.Rules[2].Bytes!.Value));
        Assert.Null(checks.Rules[0].Packets);
        var post = live.Table(NftFamily.Inet, "nat2")!.Chain("postrouting")!;
        Assert.Equal(("nat", 100), (post.Type, post.Priority!.Value));
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => NftJsonParser.Parse("Error: syntax error"));
        Assert.StartsWith("nft -j output is not JSON: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TableWithoutName_ThrowsNamingProperty()
    {
        var e = Assert.Throws<FormatException>(() => NftJsonParser.Parse("""{"nftables":[{"table":{"family":"inet"}}]}"""));
        Assert.Equal("""nft -j object lacks string property 'name': {"family":"inet"}""", e.Message);
    }

    [Fact]
    public void Differences_MatchingAndMismatching_ReportsEachProblem()
    {
        var expected = new NftRuleset([new NftTable(NftFamily.Inet, "zos-x",
        [
            new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Drop), [new NftRule(NftVerdict.Accept)]),
            new NftChain("base_checks", null, []),
            new NftChain("missing", null, []),
        ])]) { Obsolete = [(NftFamily.Inet, "nat2")] };
        var problems = NftVerifier.Differences(expected, NftJsonParser.Parse(Captured));
        Assert.Equal(
        [
            "table inet zos-x chain input: expected type filter hook input priority 0 policy drop, found type filter hook input priority 0 policy accept",
            "table inet zos-x chain input: expected 1 rules, found 3",
            "table inet zos-x chain base_checks: expected 0 rules, found 3",
            "table inet zos-x chain missing: missing",
            "table inet nat2: should have been removed",
        ], problems);
    }
}
