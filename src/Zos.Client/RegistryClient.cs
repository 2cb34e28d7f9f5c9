using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>
/// Typed calls to the registry API (<c>/api/v1</c>). Writes are signed with <see cref="Signer"/> (a node's or an
/// account's identity); reads are public. Every refusal becomes a <see cref="RegistryException"/> with the field errors.
/// With <see cref="Trust"/> (a node's client), the answers a node acts on (its registration, its desired state) must be
/// signed by the trusted registry key, else <see cref="RegistryTrustException"/> and nothing of them is returned.
/// </summary>
public sealed class RegistryClient(HttpClient http, RequestSigner? signer = null, RegistryTrust? trust = null)
{
    private const string Api = "api/v1/";

    public RequestSigner? Signer => signer;

    public HttpClient Http => http;

    public RegistryTrust? Trust => trust;

    // Accounts

    public Task<Account> CreateAccountAsync(string name, CancellationToken ct = default) =>
        SendAsync<Account>(HttpMethod.Post, "accounts", new AccountCreate(name, RequireSigner().Identity.Id), ct);

    public Task<Account> GetAccountAsync(long id, CancellationToken ct = default) =>
        SendAsync<Account>(HttpMethod.Get, $"accounts/{id}", null, ct);

    /// <summary>The account whose key signs, from its public key.</summary>
    public Task<Account> GetMyAccountAsync(CancellationToken ct = default) =>
        SendAsync<Account>(HttpMethod.Get, $"accounts/by-key/{RequireSigner().Identity.Id}", null, ct);

    // Farms

    public Task<Farm> CreateFarmAsync(FarmCreate farm, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Post, "farms", farm, ct);

    public Task<IReadOnlyList<Farm>> ListFarmsAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<Farm>>(HttpMethod.Get, "farms", null, ct);

    public Task<Farm> GetFarmAsync(uint id, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Get, $"farms/{id}", null, ct);

    public Task<Farm> AddFarmIpAsync(uint farmId, FarmIpAdd ip, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Post, $"farms/{farmId}/ips", ip, ct);

    public Task<Farm> RemoveFarmIpAsync(uint farmId, string ip, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Delete, $"farms/{farmId}/ips?ip={Uri.EscapeDataString(ip)}", null, ct);

    public Task<Farm> SetFarmMacAsync(uint farmId, BootMac mac, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Put, $"farms/{farmId}/macs/{Uri.EscapeDataString(mac.Mac)}", mac, ct);

    public Task<Farm> RemoveFarmMacAsync(uint farmId, string mac, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Delete, $"farms/{farmId}/macs/{Uri.EscapeDataString(mac)}", null, ct);

    /// <summary>Whether the farm's nodes answer ICMP echo on their management and public addresses.</summary>
    public Task<Farm> SetFarmIcmpEchoAsync(uint farmId, bool answer, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Put, $"farms/{farmId}/icmp-echo", new FarmIcmpEcho(answer), ct);

    public Task<Farm> SetBootProfileAsync(uint farmId, FarmBootProfile profile, CancellationToken ct = default) =>
        SendAsync<Farm>(HttpMethod.Put, $"farms/{farmId}/boot", profile, ct);

    /// <summary>Deletes a farm that has no nodes left (409 names those that are).</summary>
    public Task DeleteFarmAsync(uint farmId, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"farms/{farmId}", null, ct);

    // Farm enrollment

    /// <summary>The nodes that asked to join the farm without its farmer's consent (pending or refused), oldest first.</summary>
    public Task<IReadOnlyList<NodeView>> ListPendingNodesAsync(uint farmId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<NodeView>>(HttpMethod.Get, $"farms/{farmId}/pending", null, ct);

    public Task<NodeView> ApproveNodeAsync(uint farmId, string nodeId, CancellationToken ct = default) =>
        SendAsync<NodeView>(HttpMethod.Post, $"farms/{farmId}/pending/{Uri.EscapeDataString(nodeId)}/approve", null, ct);

    public Task<NodeView> RefuseNodeAsync(uint farmId, string nodeId, CancellationToken ct = default) =>
        SendAsync<NodeView>(HttpMethod.Post, $"farms/{farmId}/pending/{Uri.EscapeDataString(nodeId)}/refuse", null, ct);

    /// <summary>Removes a node from the farm (and from every network it was in); the node's registration is gone.</summary>
    public Task RemoveFarmNodeAsync(uint farmId, string nodeId, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"farms/{farmId}/nodes/{Uri.EscapeDataString(nodeId)}", null, ct);

    /// <summary>Creates an enrollment token; its secret is in the answer only.</summary>
    public Task<FarmTokenCreated> CreateFarmTokenAsync(uint farmId, CancellationToken ct = default) =>
        SendAsync<FarmTokenCreated>(HttpMethod.Post, $"farms/{farmId}/tokens", null, ct);

    public Task<IReadOnlyList<FarmToken>> ListFarmTokensAsync(uint farmId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<FarmToken>>(HttpMethod.Get, $"farms/{farmId}/tokens", null, ct);

    public Task<FarmToken> RevokeFarmTokenAsync(uint farmId, long tokenId, CancellationToken ct = default) =>
        SendAsync<FarmToken>(HttpMethod.Delete, $"farms/{farmId}/tokens/{tokenId}", null, ct);

    /// <summary>The boot assignment of a MAC (any of ":", "-" or no separators), or null when no farm lists it.</summary>
    public async Task<BootAssignment?> GetBootAssignmentAsync(string mac, CancellationToken ct = default)
    {
        try
        {
            return await SendAsync<BootAssignment>(HttpMethod.Get, $"boot/{Uri.EscapeDataString(mac)}", null, ct);
        }
        catch (RegistryException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // Nodes

    public Task<NodeView> RegisterNodeAsync(NodeRegistration registration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return SendAsync<NodeView>(HttpMethod.Post, "nodes", registration, ct, verifyFor: (registration.NodeId, "its registration answer"));
    }

    /// <summary>
    /// Sends a heartbeat; once the registry's key is trusted (configured or pinned) it goes with a <see cref="RequestMac"/>
    /// instead of a signature: the registry checks it about ten times cheaper, and heartbeats are most of its writes.
    /// </summary>
    public Task HeartbeatAsync(string nodeId, Heartbeat heartbeat, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"nodes/{nodeId}/heartbeat", heartbeat, ct, macWith: trust?.TrustedKey);

    /// <summary>Nodes, optionally of one farm, of one status, or only orphans (no farm).</summary>
    public Task<IReadOnlyList<NodeView>> ListNodesAsync(uint? farmId = null, NodeStatus? status = null, bool orphans = false, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (farmId is { } f)
            query.Add($"farm={f}");
        if (status is { } s)
            query.Add($"status={s.ToString().ToLowerInvariant()}");
        if (orphans)
            query.Add("orphans=true");
        var path = query.Count == 0 ? "nodes" : "nodes?" + string.Join('&', query);
        return SendAsync<IReadOnlyList<NodeView>>(HttpMethod.Get, path, null, ct);
    }

    public Task<NodeView> GetNodeAsync(string nodeId, CancellationToken ct = default) =>
        SendAsync<NodeView>(HttpMethod.Get, $"nodes/{nodeId}", null, ct);

    public Task<NodeView> SetPublicConfigAsync(string nodeId, PublicConfig config, CancellationToken ct = default) =>
        SendAsync<NodeView>(HttpMethod.Put, $"nodes/{nodeId}/public-config", config, ct);

    public Task<NodeView> UnsetPublicConfigAsync(string nodeId, CancellationToken ct = default) =>
        SendAsync<NodeView>(HttpMethod.Delete, $"nodes/{nodeId}/public-config", null, ct);

    /// <summary>
    /// Long-polls the node's desired state: with <paramref name="knownVersion"/> the registry answers only when the
    /// version moves or <paramref name="wait"/> passes (then <see cref="DesiredStatePoll.Changed"/> is false).
    /// </summary>
    public async Task<DesiredStatePoll> GetDesiredStateAsync(string nodeId, long? knownVersion, TimeSpan wait, CancellationToken ct = default)
    {
        var seconds = Math.Max(0, (int)wait.TotalSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"nodes/{nodeId}/desired-state?wait={seconds}"));
        if (knownVersion is { } v)
            request.Headers.TryAddWithoutValidation("If-None-Match", DesiredState.ETagOf(v));
        var challenge = trust is null ? null : AddChallenge(request);
        // The server holds the request up to `wait`; give the transport that long plus a margin.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait + TimeSpan.FromSeconds(15));
        using var response = await http.SendAsync(request, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            Verify(response, request, nodeId, challenge, [], "its desired state");
            return new DesiredStatePoll(false, null);
        }
        await EnsureSuccessAsync(response, request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        Verify(response, request, nodeId, challenge, body, "its desired state");
        var state = (body.Length == 0 ? null : System.Text.Json.JsonSerializer.Deserialize(body, ContractJson.TypeInfo<DesiredState>()))
                    ?? throw new InvalidDataException($"the registry sent an empty desired state for node {nodeId}");
        return new DesiredStatePoll(true, state);
    }

    public Task ReportAsync(string nodeId, NodeReport report, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"nodes/{nodeId}/report", report, ct);

    // Networks

    public Task<Network> CreateNetworkAsync(NetworkCreate network, CancellationToken ct = default) =>
        SendAsync<Network>(HttpMethod.Post, "networks", network, ct);

    public Task<Network> GetNetworkAsync(string netId, CancellationToken ct = default) =>
        SendAsync<Network>(HttpMethod.Get, $"networks/{netId}", null, ct);

    public Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<Network>>(HttpMethod.Get, "networks", null, ct);

    public Task<Network> AddNetworkMemberAsync(string netId, NetworkMemberAdd member, CancellationToken ct = default) =>
        SendAsync<Network>(HttpMethod.Post, $"networks/{netId}/members", member, ct);

    public Task<Network> RemoveNetworkMemberAsync(string netId, string memberId, CancellationToken ct = default) =>
        SendAsync<Network>(HttpMethod.Delete, $"networks/{netId}/members/{Uri.EscapeDataString(memberId)}", null, ct);

    public Task<UserAccessConfig> JoinNetworkAsync(string netId, UserAccessJoin join, CancellationToken ct = default) =>
        SendAsync<UserAccessConfig>(HttpMethod.Post, $"networks/{netId}/join", join, ct);

    // Plumbing

    private RequestSigner RequireSigner() =>
        signer ?? throw new InvalidOperationException("this call is signed: create the RegistryClient with a RequestSigner");

    private Uri Url(string relative)
    {
        var b = http.BaseAddress ?? throw new InvalidOperationException("the HttpClient of a RegistryClient needs a BaseAddress");
        var root = b.AbsoluteUri.EndsWith('/') ? b : new Uri(b.AbsoluteUri + "/");
        return new Uri(root, Api + relative);
    }

    /// <param name="verifyFor">With <see cref="Trust"/>: the node the answer is about and what is refused when it is not signed by the registry.</param>
    /// <param name="macWith">The registry's base64 key when the request may go with a MAC instead of a signature.</param>
    private async Task<T> SendAsync<T>(HttpMethod method, string relative, object? body, CancellationToken ct, (string NodeId, string What)? verifyFor = null,
        string? macWith = null)
    {
        using var request = new HttpRequestMessage(method, Url(relative));
        if (body is not null)
            request.Content = JsonContent.Create(body, ContractJson.Options.GetTypeInfo(body.GetType()));
        var challenge = trust is not null && verifyFor is not null ? AddChallenge(request) : null;
        if (method != HttpMethod.Get && signer is not null)
            await signer.SignAsync(request, macWith, ct);
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, request, ct);
        if (verifyFor is { } v && challenge is not null)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            Verify(response, request, v.NodeId, challenge, bytes, v.What);
            return (bytes.Length == 0 ? default : JsonSerializer.Deserialize(bytes, ContractJson.TypeInfo<T>()))
                   ?? throw new InvalidDataException($"the registry answered {method} {relative} with an empty body");
        }
        if (typeof(T) == typeof(JsonElement) && response.Content.Headers.ContentLength == 0)
            return default!;
        return await response.Content.ReadFromJsonAsync(ContractJson.TypeInfo<T>(), ct)
               ?? throw new InvalidDataException($"the registry answered {method} {relative} with an empty body");
    }

    private static string AddChallenge(HttpRequestMessage request)
    {
        var challenge = RegistryTrust.NewChallenge();
        request.Headers.TryAddWithoutValidation(ResponseSigning.ChallengeHeader, challenge);
        return challenge;
    }

    /// <summary>With <see cref="Trust"/>, refuses an answer the trusted registry key did not sign (<see cref="RegistryTrustException"/>).</summary>
    private void Verify(HttpResponseMessage response, HttpRequestMessage request, string nodeId, string? challenge, ReadOnlySpan<byte> body, string what)
    {
        if (trust is null || challenge is null)
            return;
        var uri = request.RequestUri!;
        trust.Verify(response.Headers, (int)response.StatusCode, request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath), nodeId, challenge, body, what);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        var errors = new Dictionary<string, string[]>();
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length > 0 && text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
                    title = t.GetString()!;
                if (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                    detail = d.GetString();
                if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                            : [field.Value.ToString()];
                    }
                }
            }
            catch (JsonException)
            {
                detail = text;
            }
        }
        else if (text.Length > 0)
        {
            detail = text;
        }
        throw new RegistryException(response.StatusCode, request.Method.Method,
            request.RequestUri?.PathAndQuery ?? "?", title, detail, errors);
    }
}
