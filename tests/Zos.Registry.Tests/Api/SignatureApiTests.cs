using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Api;

/// <summary>
/// Signed writes: a missing, foreign, tampered, late or replayed signature is refused. Runs once per store
/// (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class SignatureApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : SignatureApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : SignatureApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task Write_Unsigned_Unauthorized()
    {
        var response = await R.Http().PostAsJsonAsync("api/v1/farms", new FarmCreate("unsigned"), ContractJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("the request is not signed: missing header(s) X-Zos-Key, X-Zos-Timestamp, X-Zos-Nonce, X-Zos-Signature (or X-Zos-Mac)",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Write_SignedByOtherKeyThanClaimed_Unauthorized()
    {
        using var real = Ed25519Identity.Generate();
        using var claimed = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("mallory", claimed.Id), options: ContractJson.Options),
        };
        await new RequestSigner(real, R.Time).SignAsync(request, Ct);
        request.Headers.Remove(RequestSigning.KeyHeader);
        request.Headers.Add(RequestSigning.KeyHeader, claimed.Id);
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"the signature does not verify for key '{claimed.Id}'", await DetailAsync(response));
    }

    [Fact]
    public async Task Write_TamperedBody_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("dave", id.Id), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var headers = request.Headers.ToList();
        using var tampered = new HttpRequestMessage(HttpMethod.Post, request.RequestUri)
        {
            Content = JsonContent.Create(new AccountCreate("eve", id.Id), options: ContractJson.Options),
        };
        foreach (var h in headers)
            tampered.Headers.TryAddWithoutValidation(h.Key, h.Value);
        var response = await R.Http().SendAsync(tampered, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Write_TimestampOff61Seconds_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        var skewed = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(R.Time.GetUtcNow() - TimeSpan.FromSeconds(61));
        var e = await Refused(() => R.Client(id, skewed).CreateAccountAsync("late", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        var sent = skewed.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal($"the signature timestamp {sent} is 61 s away from the registry clock; at most 60 s are allowed", e.Detail);
    }

    [Fact]
    public async Task Write_TimestampOff60Seconds_Accepted()
    {
        using var id = Ed25519Identity.Generate();
        var skewed = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(R.Time.GetUtcNow() + TimeSpan.FromSeconds(60));
        var account = await R.Client(id, skewed).CreateAccountAsync("early", Ct);
        Assert.Equal("early", account.Name);
    }

    [Fact]
    public async Task Write_Replayed_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        using var first = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("frank", id.Id), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(first, Ct);
        var body = await first.Content!.ReadAsByteArrayAsync(Ct);
        var headers = first.Headers.ToList();
        Assert.Equal(HttpStatusCode.Created, (await R.Http().SendAsync(first, Ct)).StatusCode);

        using var replay = new HttpRequestMessage(HttpMethod.Post, first.RequestUri) { Content = new ByteArrayContent(body) };
        replay.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var h in headers)
            replay.Headers.TryAddWithoutValidation(h.Key, h.Value);
        var response = await R.Http().SendAsync(replay, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var nonce = headers.Single(h => h.Key == RequestSigning.NonceHeader).Value.Single();
        Assert.Equal($"replayed request: nonce '{nonce}' of key '{id.Id}' was used already", await DetailAsync(response));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
}
