using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Zos.Node;

/// <summary>Reads <see cref="NodeConfig"/> from a JSON or YAML file (JSON is read as YAML flow style).</summary>
public static class NodeConfigLoader
{
    /// <summary>The config and its problems; on a problem the defaults are returned with the message naming file and key.</summary>
    public static (NodeConfig Config, IReadOnlyList<string> Problems) Load(string? path)
    {
        if (path is null)
            return (new NodeConfig(), []);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new NodeConfig(), [$"--config {path}: cannot read: {e.Message}"]);
        }
        return Parse(text, path);
    }

    public static (NodeConfig Config, IReadOnlyList<string> Problems) Parse(string text, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithEnforceRequiredMembers()
            .Build();
        NodeConfig config;
        try
        {
            config = string.IsNullOrWhiteSpace(text) ? new NodeConfig() : deserializer.Deserialize<NodeConfig>(text) ?? new NodeConfig();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            return (new NodeConfig(), [$"{source} line {e.Start.Line}: {inner}"]);
        }
        var problems = config.Validate().Select(p => $"{source}: {p}").ToList();
        return problems.Count == 0 ? (config, []) : (new NodeConfig(), problems);
    }
}
