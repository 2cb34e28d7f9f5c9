using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Signing;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// The MAC that stands for a signature (<see cref="RequestMac"/>) grants nothing a signature would not: only the holder
/// of the node's key (or the registry's) can make it, for this registry only, for this exact request, once. Runs once
/// per store (<see cref="Sqlite"/>, <see cref="Postgres"/>) since the nonce rule goes through the store.
/// </summary>
public abstract class MacAttackTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : MacAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : MacAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private string RegistryKey => R.App.Services.GetRequiredService<RegistrySigningKey>().PublicKeyBase64;

    private static HttpRequestMessage Heartbeat(string nodeId, long uptime = 10) =>
        new(HttpMethod.Post, new Uri($"http://localhost/api/v1/nodes/{nodeId}/heartbeat"))
        {
            Content = JsonContent.Create(new Heartbeat(uptime, new NodeHealth(true, false, 5, [])), options: ContractJson.Options),
        };

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var http = R.Http();
        request.RequestUri = new Uri(http.BaseAddress!, request.RequestUri!.PathAndQuery);
        return await http.SendAsync(request, Ct);
    }

    private async Task<HttpRequestMessage> MacedAsync(Ed25519Identity signer, string nodeId, string registryKey, long uptime = 10)
    {
        var request = Heartbeat(nodeId, uptime);
        await new RequestSigner(signer, R.Time).SignAsync(request, registryKey, Ct);
        return request;
    }

    [Fact]
    public async Task Heartbeat_WithMacForThisRegistry_AcceptedAndStored()
    {
        var (node, _) = await R.NodeAsync(null);
        using var request = await MacedAsync(node, node.Id, RegistryKey, uptime: 4242);
        Assert.False(request.Headers.Contains(RequestSigning.SignatureHeader));
        Assert.True(request.Headers.Contains(RequestMac.MacHeader));

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(4242, (await R.Client().GetNodeAsync(node.Id, Ct)).UptimeSeconds);
    }

    [Fact]
    public async Task Heartbeat_MacKeyedForAnotherRegistry_RefusedNamingThisRegistrysKey()
    {
        var (node, _) = await R.NodeAsync(null);
        using var other = Ed25519Identity.Generate();
        using var request = await MacedAsync(node, node.Id, Convert.ToBase64String(other.PublicKey));

        var problem = await AttackRequests.ProblemAsync(await SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains($"does not verify for key '{node.Id}' with this registry's key {RegistryKey}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_MacOfAnotherNodeForThisNode_Forbidden()
    {
        var (victim, _) = await R.NodeAsync(null);
        var (attacker, _) = await R.NodeAsync(null, "10.1.0.6/24");
        using var request = await MacedAsync(attacker, victim.Id, RegistryKey);

        var problem = await AttackRequests.ProblemAsync(await SendAsync(request), HttpStatusCode.Forbidden);

        Assert.Contains($"signed by '{attacker.Id}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_MacCopiedOntoAnotherBody_Refused()
    {
        var (node, _) = await R.NodeAsync(null);
        using var request = await MacedAsync(node, node.Id, RegistryKey, uptime: 10);
        request.Content = JsonContent.Create(new Heartbeat(999_999, new NodeHealth(true, false, 5, [])), options: ContractJson.Options);

        await AttackRequests.ProblemAsync(await SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.NotEqual(999_999, (await R.Client().GetNodeAsync(node.Id, Ct)).UptimeSeconds);
    }

    [Fact]
    public async Task Heartbeat_MacSentTwice_SecondRefusedAsReplay()
    {
        var (node, _) = await R.NodeAsync(null);
        using var first = await MacedAsync(node, node.Id, RegistryKey);
        using var again = new HttpRequestMessage(HttpMethod.Post, first.RequestUri) { Content = new ByteArrayContent(await first.Content!.ReadAsByteArrayAsync(Ct)) };
        again.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var h in first.Headers)
            again.Headers.TryAddWithoutValidation(h.Key, h.Value);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(first)).StatusCode);
        var problem = await AttackRequests.ProblemAsync(await SendAsync(again), HttpStatusCode.Unauthorized);

        Assert.StartsWith("replayed request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!", "is not a base64 HMAC-SHA256 (32 bytes)")]
    [InlineData("AAAA", "is not a base64 HMAC-SHA256 (32 bytes)")]
    [InlineData("both", "carries both X-Zos-Signature and X-Zos-Mac")]
    [InlineData("zeros", "does not verify")]
    public async Task Heartbeat_BadMacHeader_RefusedSayingWhy(string mac, string expected)
    {
        var (node, _) = await R.NodeAsync(null);
        using var request = Heartbeat(node.Id);
        await new RequestSigner(node, R.Time).SignAsync(request, Ct);
        if (mac != "both")
            request.Headers.Remove(RequestSigning.SignatureHeader);
        request.Headers.TryAddWithoutValidation(RequestMac.MacHeader, mac is "both" or "zeros" ? Convert.ToBase64String(new byte[32]) : mac);

        var problem = await AttackRequests.ProblemAsync(await SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_TrustingTheRegistryKey_HeartbeatsWithMacAndRegistersWithSignature()
    {
        using var node = Ed25519Identity.Generate();
        var seen = new List<(string Path, bool Mac, bool Signature)>();
        using var http = new HttpClient(new Recording(R.App.GetTestServer().CreateHandler(), seen)) { BaseAddress = new Uri("http://localhost/") };
        var client = new RegistryClient(http, new RequestSigner(node, R.Time),
            new RegistryTrust(http.BaseAddress, Convert.FromBase64String(RegistryKey), pin: null));
        await client.RegisterNodeAsync(TestRegistry.Registration(node.Id, null), Ct);

        await client.HeartbeatAsync(node.Id, new Heartbeat(77, new NodeHealth(true, false, 5, [])), Ct);

        Assert.Equal(77, (await R.Client().GetNodeAsync(node.Id, Ct)).UptimeSeconds);
        Assert.Equal([("/api/v1/nodes", false, true), ($"/api/v1/nodes/{node.Id}/heartbeat", true, false)], seen);
    }

    /// <summary>Notes which authentication header each request carried.</summary>
    private sealed class Recording(HttpMessageHandler inner, List<(string, bool, bool)> seen) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            seen.Add((request.RequestUri!.AbsolutePath, request.Headers.Contains(RequestMac.MacHeader), request.Headers.Contains(RequestSigning.SignatureHeader)));
            return base.SendAsync(request, ct);
        }
    }
}
