using System.Globalization;
using System.Net;
using System.Net.Sockets;
using YamlDotNet.RepresentationModel;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>
/// Reads typed fields out of a YAML (or JSON, which YAML's flow style covers) node tree, collecting every problem
/// with its path and line instead of stopping at the first, and remembering the line of every field it saw so
/// later checks can point at lines too.
/// </summary>
internal sealed class YamlFieldReader
{
    public List<ValidationError> Errors { get; } = [];

    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

    public void Error(string path, string message, YamlNode? at) =>
        Errors.Add(new ValidationError(path, message) { Line = at is null ? LineOf(path) : (int)at.Start.Line });

    private int? LineOf(string path) => Lines.TryGetValue(path, out var line) ? line : null;

    /// <summary>The node as a mapping; an error when it is something else.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string path)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlMappingNode map)
        {
            Lines.TryAdd(path, (int)node.Start.Line);
            return map;
        }
        Error(path, $"expected a mapping of fields, found {Describe(node)}", node);
        return null;
    }

    /// <summary>Records the line of each field and reports fields the format does not know (typos).</summary>
    public void CheckKeys(YamlMappingNode map, string path, params string[] allowed)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode is YamlScalarNode s ? s.Value ?? "" : keyNode.ToString();
            var fieldPath = ValidationPath.Field(path, key);
            Lines[fieldPath] = (int)keyNode.Start.Line;
            if (!allowed.Contains(key, StringComparer.Ordinal))
                Error(fieldPath, $"unknown field '{key}'; expected one of: {string.Join(", ", allowed)}", keyNode);
            _ = value;
        }
    }

    public static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null)
            return null;
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
                return IsNull(v) ? null : v;
        }
        return null;
    }

    /// <summary>A scalar's text; null when absent (an error when <paramref name="required"/>).</summary>
    public string? Text(YamlMappingNode? map, string key, string path, bool required = false)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var node = Get(map, key);
        if (node is null)
        {
            // A null map was reported already (not a mapping) or is an absent optional section.
            if (required && map is not null)
                Error(fieldPath, "is required", map);
            return null;
        }
        return ScalarText(node, fieldPath);
    }

    public string? ScalarText(YamlNode node, string path)
    {
        Lines.TryAdd(path, (int)node.Start.Line);
        if (node is YamlScalarNode scalar)
            return scalar.Value;
        Error(path, $"expected a single value, found {Describe(node)}", node);
        return null;
    }

    /// <summary>A string, or a list of strings joined by spaces (kernel arguments).</summary>
    public string? TextOrList(YamlMappingNode? map, string key, string path)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var node = Get(map, key);
        if (node is YamlSequenceNode seq)
        {
            Lines.TryAdd(fieldPath, (int)node.Start.Line);
            return string.Join(' ', seq.Children.Select((c, i) => ScalarText(c, ValidationPath.Index(fieldPath, i))).Where(t => t is not null));
        }
        return node is null ? null : ScalarText(node, fieldPath);
    }

    public int? Int(YamlMappingNode? map, string key, string path)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var text = Text(map, key, path);
        return text is null ? null : ParseInt(text, fieldPath, Get(map, key));
    }

    public int? ParseInt(string text, string path, YamlNode? at)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(path, $"'{text}' is not a whole number", at);
        return null;
    }

    public uint? UInt(YamlMappingNode? map, string key, string path)
    {
        var text = Text(map, key, path);
        if (text is null)
            return null;
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(ValidationPath.Field(path, key), $"'{text}' is not a whole number from 0 to {uint.MaxValue}", Get(map, key));
        return null;
    }

    public bool? Bool(YamlMappingNode? map, string key, string path)
    {
        var text = Text(map, key, path);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(ValidationPath.Field(path, key), $"'{text}' is not true or false", Get(map, key));
                return null;
        }
    }

    public IPAddress? Address(YamlMappingNode? map, string key, string path, AddressFamily? family = null, bool required = false)
    {
        var text = Text(map, key, path, required);
        return text is null ? null : ParseAddress(text, ValidationPath.Field(path, key), Get(map, key), family);
    }

    public IPAddress? ParseAddress(string text, string path, YamlNode? at, AddressFamily? family)
    {
        if (IpAddressText.TryParse(text.Trim(), out var ip) && (family is null || ip.AddressFamily == family))
            return ip;
        Error(path, $"'{text}' is not an {FamilyName(family)} address", at);
        return null;
    }

    /// <summary>A canonical prefix ("10.10.0.0/24"); host bits set is an error that suggests the canonical form.</summary>
    public IPNetwork? Network(YamlMappingNode? map, string key, string path, AddressFamily? family = null, bool required = false)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var text = Text(map, key, path, required);
        if (text is null)
            return null;
        var at = Get(map, key);
        if (!InterfaceAddress.TryParse(text.Trim(), out var parsed) || (family is not null && parsed.Family != family))
        {
            var example = family == AddressFamily.InterNetworkV6 ? "2001:db8:100::/48" : "10.10.0.0/24";
            Error(fieldPath, $"'{text}' is not an {FamilyName(family)} subnet (e.g. {example})", at);
            return null;
        }
        var network = parsed.Network;
        if (!network.BaseAddress.Equals(parsed.Address))
        {
            Error(fieldPath, $"'{text}' has host bits set; did you mean {network}?", at);
            return null;
        }
        return network;
    }

    public InterfaceAddress? AddressWithPrefix(YamlMappingNode? map, string key, string path, AddressFamily family)
    {
        var text = Text(map, key, path);
        if (text is null)
            return null;
        if (Primitives.InterfaceAddress.TryParse(text.Trim(), out var parsed) && parsed.Family == family)
            return parsed;
        var example = family == AddressFamily.InterNetworkV6 ? "2001:db8:100::1/64" : "10.10.0.1/24";
        Error(ValidationPath.Field(path, key), $"'{text}' is not an {FamilyName(family)} address with a prefix length (e.g. {example})", Get(map, key));
        return null;
    }

    public MacAddress? Mac(YamlMappingNode? map, string key, string path)
    {
        var text = Text(map, key, path, required: true);
        if (text is null)
            return null;
        if (MacAddress.TryParse(text, out var mac))
            return mac;
        Error(ValidationPath.Field(path, key), $"'{text}' is not a MAC address (expected six hex bytes, e.g. 52:54:00:12:34:56)", Get(map, key));
        return null;
    }

    /// <summary>An address range as "first-last" text or as a mapping {start, end}.</summary>
    public AddressRange? Range(YamlMappingNode? map, string key, string path)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var node = Get(map, key);
        if (node is null)
            return null;
        if (node is YamlMappingNode rangeMap)
        {
            Lines.TryAdd(fieldPath, (int)node.Start.Line);
            CheckKeys(rangeMap, fieldPath, "start", "end");
            var start = Address(rangeMap, "start", fieldPath, AddressFamily.InterNetwork, required: true);
            var end = Address(rangeMap, "end", fieldPath, AddressFamily.InterNetwork, required: true);
            if (start is null || end is null)
                return null;
            if (IpMath.ToUInt32(start) > IpMath.ToUInt32(end))
            {
                Error(fieldPath, $"start {start} is after end {end}", node);
                return null;
            }
            return new AddressRange(start, end);
        }
        var text = ScalarText(node, fieldPath);
        return text is null ? null : ParseRange(text, fieldPath, node);
    }

    public AddressRange? ParseRange(string text, string path, YamlNode? at)
    {
        if (AddressRange.TryParse(text, out var range))
            return range;
        Error(path, $"'{text}' is not an IPv4 address or range (e.g. 198.51.100.10 or 198.51.100.10-198.51.100.20, first not after last)", at);
        return null;
    }

    /// <summary>A list field; each item read by <paramref name="readItem"/> with its indexed path. Absent: empty.</summary>
    public List<T> List<T>(YamlMappingNode? map, string key, string path, Func<YamlNode, string, T?> readItem)
    {
        var fieldPath = ValidationPath.Field(path, key);
        var node = Get(map, key);
        var items = new List<T>();
        if (node is null)
            return items;
        if (node is not YamlSequenceNode seq)
        {
            Error(fieldPath, $"expected a list, found {Describe(node)}", node);
            return items;
        }
        Lines.TryAdd(fieldPath, (int)node.Start.Line);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var itemPath = ValidationPath.Index(fieldPath, i);
            Lines.TryAdd(itemPath, (int)seq.Children[i].Start.Line);
            if (readItem(seq.Children[i], itemPath) is { } item)
                items.Add(item);
        }
        return items;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static string FamilyName(AddressFamily? family) => family switch
    {
        AddressFamily.InterNetwork => "IPv4",
        AddressFamily.InterNetworkV6 => "IPv6",
        _ => "IP",
    };
}
