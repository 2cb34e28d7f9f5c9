using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Zos.Node;

/// <summary>
/// Reads <see cref="NodeConfig"/> from a JSON or YAML file (JSON is read as YAML flow style). The file is walked as a
/// YAML node tree, key by key, not bound by reflection: zos-node in the node image is compiled to native code (Native
/// AOT), where a reflection-based deserializer cannot run.
/// </summary>
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
        if (string.IsNullOrWhiteSpace(text))
            return (new NodeConfig(), []);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            return (new NodeConfig(), [$"{source} line {e.Start.Line}: {inner}"]);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
            return (new NodeConfig(), []);
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            return (new NodeConfig(), [$"{source} line {yaml.Documents[0].RootNode.Start.Line}: expected a mapping of settings"]);

        var problems = new List<string>();
        var config = new NodeConfig();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var at = $"{source} line {keyNode.Start.Line}";
            config = key switch
            {
                "physicalKinds" => List(value, at, key, problems) is { } l ? config with { PhysicalKinds = l } : config,
                "connectivityTargets" => List(value, at, key, problems) is { } l ? config with { ConnectivityTargets = l } : config,
                "connectTimeoutSeconds" => Number(value, at, key, problems) is { } n ? config with { ConnectTimeoutSeconds = n } : config,
                "heartbeatIntervalSeconds" => Number(value, at, key, problems) is { } n ? config with { HeartbeatIntervalSeconds = n } : config,
                "carrierWaitSeconds" => Number(value, at, key, problems) is { } n ? config with { CarrierWaitSeconds = n } : config,
                "maxCarrierWaitSeconds" => Number(value, at, key, problems) is { } n ? config with { MaxCarrierWaitSeconds = n } : config,
                "maxDhcpWindowSeconds" => Number(value, at, key, problems) is { } n ? config with { MaxDhcpWindowSeconds = n } : config,
                "dhcpProbeTries" => Integer(value, at, key, problems) is { } i ? config with { DhcpProbeTries = i } : config,
                "ipv6WaitSeconds" => Number(value, at, key, problems) is { } n ? config with { Ipv6WaitSeconds = n } : config,
                "leaseWaitSeconds" => Number(value, at, key, problems) is { } n ? config with { LeaseWaitSeconds = n } : config,
                "publicNic" => Text(value, at, key, problems) is var t && t.Ok ? config with { PublicNic = t.Value } : config,
                "backoffInitialSeconds" => Number(value, at, key, problems) is { } n ? config with { BackoffInitialSeconds = n } : config,
                "backoffMultiplier" => Number(value, at, key, problems) is { } n ? config with { BackoffMultiplier = n } : config,
                "backoffMaxSeconds" => Number(value, at, key, problems) is { } n ? config with { BackoffMaxSeconds = n } : config,
                "backoffJitter" => Number(value, at, key, problems) is { } n ? config with { BackoffJitter = n } : config,
                _ => Unknown(at, key, problems, config),
            };
        }
        if (problems.Count > 0)
            return (new NodeConfig(), problems);
        problems.AddRange(config.Validate().Select(p => $"{source}: {p}"));
        return problems.Count == 0 ? (config, []) : (new NodeConfig(), problems);
    }

    private static NodeConfig Unknown(string at, string key, List<string> problems, NodeConfig config)
    {
        problems.Add($"{at}: unknown setting '{key}'");
        return config;
    }

    private static string[]? List(YamlNode node, string at, string key, List<string> problems)
    {
        if (node is not YamlSequenceNode list)
        {
            problems.Add($"{at}: {key} must be a list, got {Describe(node)}");
            return null;
        }
        var items = new List<string>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { } v })
                items.Add(v);
            else
                problems.Add($"{at}: {key} must list plain values, got {Describe(item)}");
        }
        return [.. items];
    }

    private static double? Number(YamlNode node, string at, string key, List<string> problems)
    {
        if (node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            return n;
        problems.Add($"{at}: {key} must be a number, got {Describe(node)}");
        return null;
    }

    private static int? Integer(YamlNode node, string at, string key, List<string> problems)
    {
        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            return n;
        problems.Add($"{at}: {key} must be a whole number, got {Describe(node)}");
        return null;
    }

    private static (bool Ok, string? Value) Text(YamlNode node, string at, string key, List<string> problems)
    {
        if (node is YamlScalarNode s)
            return (true, s.Value is null or "~" or "null" && s.Style == ScalarStyle.Plain ? null : s.Value);
        problems.Add($"{at}: {key} must be a text, got {Describe(node)}");
        return (false, null);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
