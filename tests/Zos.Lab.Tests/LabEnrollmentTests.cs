using Xunit;
using Zos.Lab.Scenarios;

namespace Zos.Lab.Tests;

/// <summary>
/// The registry lets a node into its farm only with the farmer's consent (issue 14): the lab, as the farmer, lists the
/// management MAC of every node it waits for (LabRunner.RegisterFarmAsync), so each of them must have one in every
/// built-in scenario, resized ones included; otherwise `zos lab up` would wait for a node kept pending.
/// </summary>
public sealed class LabEnrollmentTests
{
    [Theory]
    [InlineData("dc", null)]
    [InlineData("home", null)]
    [InlineData("vlan", null)]
    [InlineData("flat", null)]
    [InlineData("mixed", null)]
    [InlineData("dc", 20)]
    public void BuiltInScenario_EveryListedNode_HasAManagementMacTheLabPutsOnTheFarmsList(string name, int? nodes)
    {
        var (scenario, problems) = ScenarioCatalog.Resolve(name, Scenarios.Examples, nodes);
        Assert.Empty(problems);

        var listed = scenario!.Farms.SelectMany(f => f.Nodes.Where(n => scenario.Options(f, n).Listed).Select(n => (Farm: f.Name, Node: n))).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, x => Assert.True(x.Node.ManagementNic?.Mac is not null, $"{x.Farm}/{x.Node.Name} has no management MAC: the registry would keep it pending"));
        // One MAC a farm list entry: resizing must not make two nodes share one.
        var macs = listed.Select(x => x.Node.ManagementNic!.Mac!.Value).ToList();
        Assert.Equal(macs.Count, macs.Distinct().Count());
    }
}
