using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Lab.Runtime;

/// <summary>
/// The parts of a node daemon's <see cref="NetworkStatus"/> (network-status.json) the lab shows: the endpoints it
/// offers, whether its public config is applied, the errors of its last pass and which WireGuard runs its devices.
/// </summary>
public sealed record LabNetworkStatus(IReadOnlyList<string> EndpointHosts, bool PublicConfigApplied, IReadOnlyList<string> Errors, string? PublicError, string? RegistryError)
{
    /// <summary>The WireGuard implementations of the node's networks (kernel, wireguard-go), each once.</summary>
    public IReadOnlyList<string> WireGuard { get; init; } = [];

    /// <summary>The first thing wrong, or null.</summary>
    public string? Problem => Errors.FirstOrDefault() ?? PublicError ?? RegistryError;

    /// <summary>"endpoints 203.0.113.11, 2001:db8:100::11; public config applied" and the like.</summary>
    public string Summary =>
        (EndpointHosts.Count == 0 ? "no endpoint (hidden)" : "endpoints " + string.Join(", ", EndpointHosts))
        + (PublicConfigApplied ? "; public config applied" : "")
        + (WireGuard.Count > 0 ? "; WireGuard: " + string.Join(", ", WireGuard) : "")
        + (Problem is { } p ? "; " + p : "");

    /// <summary>Null when the text is being rewritten or not a status document.</summary>
    public static LabNetworkStatus? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<NetworkStatus>(json, ContractJson.Options) is { } s
                ? new LabNetworkStatus(s.EndpointHosts ?? [], s.PublicConfig is not null, s.Errors ?? [], s.PublicError, s.RegistryError)
                {
                    WireGuard = [.. (s.WireGuard ?? new Dictionary<string, string>()).Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                }
                : null;
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
}
