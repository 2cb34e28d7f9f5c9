using System.Text.Json;

namespace Zos.Linux.Nftables;

/// <summary>
/// Parses the JSON of <c>nft -j list ruleset</c> (libnftables-json(5), schema version 1) into
/// <see cref="NftLiveRuleset"/>. Pure. Unknown object kinds (sets, maps, flowtables) are skipped.
/// </summary>
public static class NftJsonParser
{
    /// <summary>Parses the document; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static NftLiveRuleset Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"nft -j output is not JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new FormatException("nft -j output has no 'nftables' array");
            var tables = new List<(string Family, string Name)>();
            var chains = new List<(string Family, string Table, NftLiveChain Chain)>();
            var rules = new List<(string Family, string Table, string Chain, NftLiveRule Rule)>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("table", out var t))
                {
                    tables.Add((Str(t, "family"), Str(t, "name")));
                }
                else if (item.TryGetProperty("chain", out var c))
                {
                    chains.Add((Str(c, "family"), Str(c, "table"), new NftLiveChain(Str(c, "name"), OptStr(c, "type"), OptStr(c, "hook"),
                        c.TryGetProperty("prio", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null,
                        OptStr(c, "policy"), [])));
                }
                else if (item.TryGetProperty("rule", out var r))
                {
                    long? packets = null, bytes = null;
                    var count = 0;
                    if (r.TryGetProperty("expr", out var expr) && expr.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var e in expr.EnumerateArray())
                        {
                            count++;
                            if (e.TryGetProperty("counter", out var counter) && counter.ValueKind == JsonValueKind.Object)
                            {
                                packets = counter.TryGetProperty("packets", out var pk) ? pk.GetInt64() : 0;
                                bytes = counter.TryGetProperty("bytes", out var by) ? by.GetInt64() : 0;
                            }
                        }
                    }
                    rules.Add((Str(r, "family"), Str(r, "table"), Str(r, "chain"),
                        new NftLiveRule(r.TryGetProperty("handle", out var h) ? h.GetInt64() : 0, OptStr(r, "comment"), packets, bytes, count)));
                }
            }
            var result = tables.Select(t => new NftLiveTable(t.Family, t.Name,
                chains.Where(c => c.Family == t.Family && c.Table == t.Name)
                    .Select(c => c.Chain with
                    {
                        Rules = rules.Where(r => r.Family == t.Family && r.Table == t.Name && r.Chain == c.Chain.Name).Select(r => r.Rule).ToList(),
                    }).ToList())).ToList();
            return new NftLiveRuleset(result);
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"nft -j object lacks string property '{name}': {Shorten(e.GetRawText())}");

    private static string? OptStr(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";
}
