using System.Text.Json;

namespace Zos.Lab.Runtime;

/// <summary>
/// The parts of a node daemon's network-status.json the lab shows (read as JSON: the lab does not link the node's
/// code): the endpoints it offers, whether its public config is applied, and the errors of its last pass.
/// </summary>
public sealed record LabNetworkStatus(IReadOnlyList<string> EndpointHosts, bool PublicConfigApplied, IReadOnlyList<string> Errors, string? PublicError, string? RegistryError)
{
    /// <summary>The first thing wrong, or null.</summary>
    public string? Problem => Errors.FirstOrDefault() ?? PublicError ?? RegistryError;

    /// <summary>"endpoints 203.0.113.11, 2001:db8:100::11; public config applied" and the like.</summary>
    public string Summary =>
        (EndpointHosts.Count == 0 ? "no endpoint (hidden)" : "endpoints " + string.Join(", ", EndpointHosts))
        + (PublicConfigApplied ? "; public config applied" : "")
        + (Problem is { } p ? "; " + p : "");

    /// <summary>Null when the file is missing, being rewritten or not JSON.</summary>
    public static LabNetworkStatus? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            return new LabNetworkStatus(Strings(root, "endpointHosts"),
                root.TryGetProperty("publicConfig", out var pc) && pc.ValueKind == JsonValueKind.Object,
                Strings(root, "errors"), Text(root, "publicError"), Text(root, "registryError"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static LabNetworkStatus? Read(string stateDirectory)
    {
        try
        {
            var file = Path.Combine(stateDirectory, "network-status.json");
            return File.Exists(file) ? Parse(File.ReadAllText(file)) : null;
        }
        catch (IOException)
        {
            return null; // being rewritten right now
        }
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
