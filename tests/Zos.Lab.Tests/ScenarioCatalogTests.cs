using Xunit;
using Zos.Lab.Scenarios;

namespace Zos.Lab.Tests;

public sealed class ScenarioCatalogTests
{
    [Theory]
    [InlineData("dc", new[] { "dc-farm" })]
    [InlineData("home", new[] { "home-farm" })]
    [InlineData("vlan", new[] { "vlan-farm" })]
    [InlineData("flat", new[] { "flat-farm" })]
    [InlineData("mixed", new[] { "dc-farm", "home-farm" })]
    public void Resolve_BuiltIn_ReadsItsFarms(string name, string[] farms)
    {
        var scenario = Scenarios.Get(name);

        Assert.Equal(name, scenario.Name);
        Assert.Equal(farms, scenario.Farms.Select(f => f.Name));
    }

    [Fact]
    public void Resolve_UnknownName_RefusedNamingTheValueAndTheChoices()
    {
        var (scenario, problems) = ScenarioCatalog.Resolve("moon", Scenarios.Examples);

        Assert.Null(scenario);
        Assert.Equal(["--scenario: 'moon' is neither a built-in scenario (dc, home, vlan, flat, mixed) nor a readable file"], problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Resolve_NodesOutOfRange_Refused(int nodes)
    {
        var (scenario, problems) = ScenarioCatalog.Resolve("dc", Scenarios.Examples, nodes);

        Assert.Null(scenario);
        Assert.Equal([$"--nodes: {nodes} is out of range (1 to 200)"], problems);
    }

    [Fact]
    public void Resolve_BrokenFarmFile_RefusedWithTheFarmCheckErrorsBeforeAnythingIsCreated()
    {
        var file = Path.Combine(Scenarios.Examples, "broken-farm.yaml");

        var (scenario, problems) = ScenarioCatalog.Resolve(file, Scenarios.Examples);

        Assert.Null(scenario);
        Assert.Contains($"{file}: error: name (line 2): 'my farm!' contains ' '; a farm name has only letters, digits, '_' and '-'", problems);
        Assert.All(problems, p => Assert.StartsWith(file + ": error: ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_TwentyNodes_ClonesTheFirstNodeWithDistinctMacsAndAddresses()
    {
        var farm = Scenarios.Get("dc", nodes: 20).Farms[0];

        Assert.Equal(20, farm.Nodes.Count);
        Assert.Equal(["node1", "node2", "node3"], farm.Nodes.Take(3).Select(n => n.Name));
        Assert.Equal("node1-20", farm.Nodes[19].Name);
        Assert.Equal(40, farm.Nodes.SelectMany(n => n.Nics).Select(n => n.Mac).Distinct().Count());
        Assert.Equal(20, farm.Nodes.Select(n => n.ManagementAddress).Distinct().Count());
        Assert.Equal("10.10.0.30", farm.Nodes[19].ManagementAddress!.ToString());
        Assert.Equal("52:54:00:10:00:14", farm.Nodes[19].ManagementNic!.Mac!.ToString());
        // Public addresses are the farmer's choice: clones get none.
        Assert.All(farm.Nodes.Skip(3), n => Assert.Null(n.PublicConfig));
    }

    [Fact]
    public void Resize_FewerNodes_KeepsTheFirstOnes()
    {
        var farm = ScenarioCatalog.Resize(Scenarios.Get("dc").Farms[0], 1);

        Assert.Equal(["node1"], farm.Nodes.Select(n => n.Name));
    }
}
