using System.Net.Http.Json;
using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>
/// The registry's public key, read once from <c>GET /api/v1/registry</c>, for a boot server or boot media to put on
/// the node's command line (<c>zos-registry-key=</c>). This trusts the registry URL the operator gave at that moment
/// (use https:// or pass the key itself when the path to the registry is not trusted).
/// </summary>
public static class RegistryKeyFetch
{
    /// <summary>The key as base64; throws <see cref="RegistryTrustException"/> naming the URL and why when it cannot.</summary>
    public static async Task<string> FetchAsync(HttpClient http, Uri registry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(registry);
        var url = new Uri(new Uri(registry.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/registry");
        string why;
        try
        {
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                why = $"it answered {(int)response.StatusCode} {response.ReasonPhrase}";
            else if (await response.Content.ReadFromJsonAsync(ContractJson.TypeInfo<RegistryInfo>(), ct).ConfigureAwait(false) is { } info
                     && ResponseSigning.TryParseKey(info.PublicKey, out _))
                return info.PublicKey.Trim();
            else
                why = "its answer holds no base64 Ed25519 key";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException
                                   || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            why = e.Message;
        }
        throw new RegistryTrustException($"cannot read the registry's key from {url}: {why}");
    }
}
