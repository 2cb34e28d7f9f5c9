using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Zos.Lab.Scenarios;

/// <summary>
/// Takes the lab-only keys of a scenario's nodes (<c>kind: vm|namespace</c>, <c>state_disk: true|false</c>,
/// <c>listed: true|false</c>) out of a farm file's text, so the farm check (which refuses unknown fields) sees a plain
/// farm file. Their lines are blanked, not removed, so the farm check's line numbers stay those of the file. Pure.
/// </summary>
public static class LabNodeKeys
{
    public static readonly IReadOnlyList<string> Keys = ["kind", "state_disk", "listed"];

    /// <summary>The text without the lab keys, each named node's options, and problems naming node, key and value.</summary>
    public static (string FarmText, IReadOnlyDictionary<string, LabNodeOptions> Options, IReadOnlyList<string> Problems) Extract(string text)
    {
        var options = new Dictionary<string, LabNodeOptions>(StringComparer.Ordinal);
        var problems = new List<string>();
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return (text, options, problems); // the farm check reports malformed YAML with its line
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("nodes"), out var nodesNode) || nodesNode is not YamlSequenceNode nodes)
            return (text, options, problems);

        var lines = text.Split('\n');
        for (var i = 0; i < nodes.Children.Count; i++)
        {
            if (nodes.Children[i] is not YamlMappingNode node)
                continue;
            var name = node.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode s ? s.Value ?? "" : "";
            var found = new LabNodeOptions();
            var any = false;
            foreach (var key in Keys)
            {
                if (!node.Children.TryGetValue(new YamlScalarNode(key), out var valueNode))
                    continue;
                any = true;
                var path = $"nodes[{i}].{key}";
                var value = (valueNode as YamlScalarNode)?.Value ?? "";
                var keyNode = node.Children.Keys.First(k => k is YamlScalarNode ks && ks.Value == key);
                // Block style only: the key and its value alone on their line, which is then blanked.
                var line = (int)keyNode.Start.Line - 1;
                if (valueNode.End.Line != keyNode.Start.Line || node.Style == YamlDotNet.Core.Events.MappingStyle.Flow
                    || line < 0 || line >= lines.Length || !lines[line].TrimStart().StartsWith(key + ":", StringComparison.Ordinal))
                {
                    problems.Add($"{path}: write the lab key '{key}' on a line of its own (block style), line {keyNode.Start.Line}");
                    continue;
                }
                lines[line] = lines[line].EndsWith('\r') ? "\r" : "";
                switch (key)
                {
                    case "kind" when value is "vm" or "namespace":
                        found = found with { Kind = value == "vm" ? LabNodeKind.Vm : LabNodeKind.Namespace };
                        break;
                    case "kind":
                        problems.Add($"{path}: '{value}' is not a lab node kind (expected vm or namespace)");
                        break;
                    case "state_disk" or "listed" when bool.TryParse(value, out var flag):
                        found = key == "listed" ? found with { Listed = flag } : found with { StateDisk = flag };
                        break;
                    default:
                        problems.Add($"{path}: '{value}' is not true or false");
                        break;
                }
            }
            if (any)
            {
                if (name.Length == 0)
                    problems.Add($"nodes[{i}]: a node with lab keys needs a name");
                else
                    options[name] = found;
            }
        }
        return (string.Join('\n', lines), options, problems);
    }
}
