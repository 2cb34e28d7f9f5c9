using Zos.Core.Farms;

namespace Zos.Core.Tests.Farms;

/// <summary>The shipped example farms (examples/*.yaml, copied next to the tests).</summary>
internal static class ExampleFarms
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name + ".yaml"));

    public static FarmDefinition Load(string name) =>
        FarmFileParser.Parse(Text(name)).Farm ?? throw new InvalidOperationException($"example {name} does not parse");
}
