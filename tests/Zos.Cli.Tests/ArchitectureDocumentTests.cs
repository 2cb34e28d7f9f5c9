using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Zos.Testing;

namespace Zos.Cli.Tests;

/// <summary>
/// docs/architecture.md draws the project arrows in an `arrows` block; every arrow must be a real project reference
/// of a src/ project, and every such reference must be drawn, so the document cannot drift from the code.
/// </summary>
public partial class ArchitectureDocumentTests
{
    [Fact]
    public void Arrows_AreExactlyTheProjectReferencesOfSrc()
    {
        var root = TestImage.RepositoryRoot() ?? throw new InvalidOperationException("no Zos.slnx above the test assembly");

        var drawn = DrawnArrows(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")));
        var real = RealArrows(Path.Combine(root, "src"));

        Assert.Equal(real.Keys.Order(StringComparer.Ordinal), drawn.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in real)
            Assert.True(references.SetEquals(drawn[project]),
                $"{project}: the document draws [{string.Join(", ", drawn[project].Order())}], the csproj references [{string.Join(", ", references.Order())}]");
    }

    [Fact]
    public void DrawnArrows_ReadsTheBlockOnly()
    {
        var arrows = DrawnArrows("text -> not this\n```arrows\nA ->\nB -> A\nC -> A, B\n```\nD -> A\n");

        Assert.Equal(["A", "B", "C"], arrows.Keys.Order());
        Assert.Empty(arrows["A"]);
        Assert.Equal(["A", "B"], arrows["C"].Order());
    }

    private static Dictionary<string, HashSet<string>> DrawnArrows(string markdown)
    {
        var block = ArrowsBlock().Match(markdown);
        Assert.True(block.Success, "docs/architecture.md has no ```arrows block");
        var arrows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split("->", 2, StringSplitOptions.TrimEntries);
            Assert.True(parts.Length == 2, $"not 'Project -> A, B': {line}");
            arrows.Add(parts[0], [.. parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }
        return arrows;
    }

    private static Dictionary<string, HashSet<string>> RealArrows(string src)
    {
        var arrows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var csproj in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var references = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToHashSet(StringComparer.Ordinal);
            arrows.Add(Path.GetFileNameWithoutExtension(csproj), references);
        }
        return arrows;
    }

    [GeneratedRegex(@"```arrows\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ArrowsBlock();
}
