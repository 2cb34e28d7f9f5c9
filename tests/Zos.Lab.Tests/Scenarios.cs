using Zos.Lab.Scenarios;

namespace Zos.Lab.Tests;

/// <summary>The built-in scenarios, resolved from the example farms copied next to the tests.</summary>
internal static class Scenarios
{
    public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    public static LabScenario Get(string name, int? nodes = null)
    {
        var (scenario, problems) = ScenarioCatalog.Resolve(name, Examples, nodes);
        return scenario ?? throw new InvalidOperationException($"scenario {name}: {string.Join("; ", problems)}");
    }
}
