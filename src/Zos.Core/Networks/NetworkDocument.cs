using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zos.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Zos.Core.Networks;

/// <summary>
/// Reads a user network from YAML or JSON text (JSON is read as YAML flow style). Unreadable fields are reported
/// all at once with their path and value; semantic checks are <see cref="NetworkValidator"/>'s job. Format
/// (examples/network-plan.yaml):
/// <code>
/// owner: "42"                 # required
/// name: mynet                 # required
/// ipRange: 10.20.0.0/16       # required
/// accessNode: node-a          # optional: otherwise chosen by the mesh
/// members:                    # required
///   - id: node-a              # required, unique
///     kind: node              # node (default) or user
///     subnet: 10.20.2.0/24    # optional: the next free /24 is allocated
///     publicKey: base64       # required, 32 bytes
///     listenPort: 5566        # required for nodes
///     ipv4: 203.0.113.31      # optional public endpoint address
///     ipv6: 2001:db8::31      # optional public endpoint address
///     version: 1              # optional
/// </code>
/// </summary>
public static class NetworkDocument
{
    private static readonly string[] s_networkFields = ["owner", "name", "ipRange", "accessNode", "members"];
    private static readonly string[] s_memberFields = ["id", "kind", "subnet", "publicKey", "listenPort", "ipv4", "ipv6", "version"];

    public static NetworkDocumentResult Parse(string text)
    {
        var errors = new List<ValidationError>();
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            return Fail(new ValidationError("", $"not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}"));
        }

        if (root is not YamlMappingNode map)
            return Fail(new ValidationError("", "the document must be a mapping with owner, name, ipRange and members"));

        CheckFields(map, "", s_networkFields, errors);
        var owner = RequiredString(map, "owner", "owner", errors);
        var name = RequiredString(map, "name", "name", errors);
        var range = Prefix(map, "ipRange", "ipRange", required: true, errors);
        var access = OptionalString(map, "accessNode", "accessNode", errors);

        var members = new List<NetworkMember>();
        var membersNode = Child(map, "members");
        if (membersNode is null)
            errors.Add(new ValidationError("members", "members is required"));
        else if (membersNode is not YamlSequenceNode list)
            errors.Add(new ValidationError("members", "members must be a list"));
        else
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (ParseMember(list.Children[i], $"members[{i}]", errors) is { } member)
                    members.Add(member);
            }
        }

        if (errors.Count > 0)
            return new NetworkDocumentResult(null, errors);
        return new NetworkDocumentResult(new UserNetwork { Owner = owner!, Name = name!, IpRange = range!.Value, AccessNodeId = access, Members = members }, []);
    }

    private static NetworkDocumentResult Fail(ValidationError error) => new(null, [error]);

    private static NetworkMember? ParseMember(YamlNode node, string path, List<ValidationError> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError(path, "a member must be a mapping with id, publicKey and listenPort"));
            return null;
        }

        var before = errors.Count;
        CheckFields(map, path + ".", s_memberFields, errors);
        var id = RequiredString(map, "id", $"{path}.id", errors);
        var kindText = OptionalString(map, "kind", $"{path}.kind", errors);
        var kind = NetworkMemberKind.Node;
        if (kindText is not null && !NetworkMemberKindText.TryParse(kindText, out kind))
            errors.Add(new ValidationError($"{path}.kind", $"kind '{kindText}' is neither '{NetworkMemberKindText.Node}' nor '{NetworkMemberKindText.User}'"));
        var subnet = Prefix(map, "subnet", $"{path}.subnet", required: false, errors);
        var key = RequiredString(map, "publicKey", $"{path}.publicKey", errors);
        var port = Integer(map, "listenPort", $"{path}.listenPort", errors);
        var v4 = Address(map, "ipv4", $"{path}.ipv4", AddressFamily.InterNetwork, errors);
        var v6 = Address(map, "ipv6", $"{path}.ipv6", AddressFamily.InterNetworkV6, errors);
        var version = Integer(map, "version", $"{path}.version", errors);
        if (errors.Count > before)
            return null;
        return new NetworkMember
        {
            Id = id!,
            Kind = kind,
            Subnet = subnet,
            PublicKey = key!,
            ListenPort = (int)Math.Clamp(port ?? 0, int.MinValue, int.MaxValue),
            PublicIPv4 = v4,
            PublicIPv6 = v6,
            Version = version ?? 0,
        };
    }

    private static void CheckFields(YamlMappingNode map, string prefix, string[] known, List<ValidationError> errors)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!known.Contains(name, StringComparer.Ordinal))
                errors.Add(new ValidationError(prefix + name, $"unknown field '{name}' (expected one of: {string.Join(", ", known)})"));
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string name) =>
        map.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;

    /// <summary>The scalar text of a field; null when absent or null. A list or mapping is an error.</summary>
    private static string? Scalar(YamlMappingNode map, string name, string path, List<ValidationError> errors)
    {
        var node = Child(map, name);
        if (node is null)
            return null;
        if (node is not YamlScalarNode scalar)
        {
            errors.Add(new ValidationError(path, $"{name} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}"));
            return null;
        }

        // A plain `~` or `null` is YAML's null; quoted text is always text.
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null")
            return null;
        return scalar.Value;
    }

    private static string? RequiredString(YamlMappingNode map, string name, string path, List<ValidationError> errors)
    {
        var before = errors.Count;
        var value = Scalar(map, name, path, errors);
        if (value is null && errors.Count == before)
            errors.Add(new ValidationError(path, $"{name} is required"));
        return value;
    }

    private static string? OptionalString(YamlMappingNode map, string name, string path, List<ValidationError> errors) =>
        Scalar(map, name, path, errors);

    private static IPNetwork? Prefix(YamlMappingNode map, string name, string path, bool required, List<ValidationError> errors)
    {
        var text = required ? RequiredString(map, name, path, errors) : OptionalString(map, name, path, errors);
        if (text is null)
            return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPNetwork.TryParse(text, out var prefix) && IPAddress.TryParse(text.AsSpan(0, slash), out var address))
        {
            // .NET 10 clears host bits silently; a prefix written with host bits set is probably a typo.
            if (address.Equals(prefix.BaseAddress))
                return prefix;
            errors.Add(new ValidationError(path, $"'{text}' has host bits set (did you mean {prefix}?)"));
            return null;
        }

        errors.Add(new ValidationError(path, $"'{text}' is not a CIDR prefix (address/length, e.g. 10.20.0.0/16)"));
        return null;
    }

    private static IPAddress? Address(YamlMappingNode map, string name, string path, AddressFamily family, List<ValidationError> errors)
    {
        var text = OptionalString(map, name, path, errors);
        if (text is null)
            return null;
        // IPAddress.TryParse also takes legacy IPv4 forms ("10.1" is 10.0.0.1): insist on the dotted quad.
        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == family
            && (family == AddressFamily.InterNetworkV6 ? address.ScopeId == 0 : address.ToString() == text))
            return address;
        errors.Add(new ValidationError(path, $"'{text}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address"));
        return null;
    }

    private static long? Integer(YamlMappingNode map, string name, string path, List<ValidationError> errors)
    {
        var text = OptionalString(map, name, path, errors);
        if (text is null)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new ValidationError(path, $"'{text}' is not an integer"));
        return null;
    }
}
