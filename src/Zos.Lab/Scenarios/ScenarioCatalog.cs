using Zos.Core.Farms;
using Zos.Core.Primitives;

namespace Zos.Lab.Scenarios;

/// <summary>
/// Resolves `--scenario NAME|FILE` into farms, checked with the farm-check rules before anything is created.
/// Built-in scenarios are the example farms: dc, home, vlan, flat, and mixed (dc plus home, the default).
/// </summary>
public static class ScenarioCatalog
{
    public const string Default = "mixed";

    private static readonly Dictionary<string, string[]> s_builtIn = new(StringComparer.Ordinal)
    {
        ["dc"] = ["dc-farm.yaml"],
        ["home"] = ["home-farm.yaml"],
        ["vlan"] = ["vlan-farm.yaml"],
        ["flat"] = ["flat-farm.yaml"],
        ["mixed"] = ["dc-farm.yaml", "home-farm.yaml"],
    };

    public static IReadOnlyCollection<string> BuiltIn => s_builtIn.Keys;

    /// <summary>
    /// The scenario, or the problems that refuse it (farm-check errors with file and path, an unknown name,
    /// farms whose addresses collide). <paramref name="nodes"/> resizes the first farm to that many nodes.
    /// </summary>
    public static (LabScenario? Scenario, IReadOnlyList<string> Problems) Resolve(string nameOrFile, string examplesDirectory, int? nodes = null)
    {
        var files = s_builtIn.TryGetValue(nameOrFile, out var names)
            ? names.Select(n => Path.Combine(examplesDirectory, n)).ToArray()
            : File.Exists(nameOrFile) ? [nameOrFile] : null;
        if (files is null)
            return (null, [$"--scenario: '{nameOrFile}' is neither a built-in scenario ({string.Join(", ", s_builtIn.Keys)}) nor a readable file"]);

        var problems = new List<string>();
        var farms = new List<FarmDefinition>();
        var nodeOptions = new Dictionary<string, LabNodeOptions>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException e)
            {
                problems.Add($"{file}: cannot read: {e.Message}");
                continue;
            }
            var (farmText, options, keyProblems) = LabNodeKeys.Extract(text);
            problems.AddRange(keyProblems.Select(p => $"{file}: {p}"));
            var report = FarmChecker.CheckText(farmText, FarmCheckOptions.AllowDocumentationRanges);
            problems.AddRange(report.Problems.Where(p => p.IsError).Select(p => $"{file}: {p}"));
            if (report.Farm is { } farm)
            {
                farms.Add(farm);
                foreach (var (node, o) in options)
                    nodeOptions[$"{farm.Name}/{node}"] = o;
            }
        }
        if (nodes is { } n)
        {
            if (n < 1 || n > 200)
                problems.Add($"--nodes: {n} is out of range (1 to 200)");
            else if (farms.Count > 0)
                farms[0] = Resize(farms[0], n);
        }
        for (var i = 0; i < farms.Count; i++)
        {
            for (var j = i + 1; j < farms.Count; j++)
            {
                if (farms[i].Management?.Subnet is { } a && farms[j].Management?.Subnet is { } b && IpMath.Overlaps(a, b))
                    problems.Add($"farms {farms[i].Name} and {farms[j].Name}: management subnets {a} and {b} overlap");
            }
        }
        return problems.Count > 0 ? (null, problems) : (new LabScenario(nameOrFile, farms) { NodeOptions = nodeOptions }, []);
    }

    /// <summary>
    /// The farm with <paramref name="count"/> nodes cloned from its first one: MACs, management and public
    /// addresses shifted by the node's index (the benchmark's 10- and 20-node farms).
    /// </summary>
    public static FarmDefinition Resize(FarmDefinition farm, int count)
    {
        if (farm.Nodes.Count == 0)
            return farm;
        var template = farm.Nodes[0];
        var nodes = Enumerable.Range(0, count).Select(i => i < farm.Nodes.Count ? farm.Nodes[i] : Clone(template, i)).ToList();
        return farm with { Nodes = nodes };
    }

    private static FarmNode Clone(FarmNode template, int index) => template with
    {
        Name = $"{template.Name}-{index + 1}",
        Nics = [.. template.Nics.Select(n => n with { Mac = n.Mac is { } m ? Shift(m, index) : null })],
        ManagementAddress = template.ManagementAddress is { } a ? IpMath.FromUInt32(IpMath.ToUInt32(a) + (uint)index) : null,
        PublicConfig = null,
    };

    private static MacAddress Shift(MacAddress mac, int index)
    {
        var b = mac.GetBytes();
        b[4] = (byte)(b[4] + (index >> 8));
        b[5] = (byte)(b[5] + index);
        return new MacAddress(b);
    }
}
