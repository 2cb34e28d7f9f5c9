using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;
using static Zos.Registry.Tests.Attacks.AttackRequests;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// The registry's HTTP surface as an attacker meets it (issue 14): every 4xx/5xx is problem+json of a few KB whatever
/// was sent; bodies over a route's limit are refused before they are read (declared) or at the limit (chunked); every
/// answer carries the security headers; the signature check decides on the path as routing does (case-insensitive) and
/// verifies what the client signed ("%2F" included). Over real HTTP (Kestrel on 127.0.0.1:0), once per store.
/// </summary>
public abstract class HttpSurfaceAttackTests : IAsyncLifetime
{
    private TestRegistry? _registry;

    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : HttpSurfaceAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : HttpSurfaceAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    protected abstract StoreKind Kind { get; }

    private TestRegistry R => _registry ?? throw new InvalidOperationException("the registry is not started yet");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _registry = await TestRegistry.StartAsync(Kind, kestrel: true);

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Signature headers that pass every check but the signature itself: a real key, the registry's time, a zero signature.</summary>
    private string BogusSignatureHeaders()
    {
        using var key = Ed25519Identity.Generate();
        return $"{RequestSigning.KeyHeader}: {key.Id}\r\n{RequestSigning.TimestampHeader}: {R.Time.GetUtcNow().ToUnixTimeSeconds()}\r\n" +
               $"{RequestSigning.NonceHeader}: {Guid.NewGuid():N}\r\n{RequestSigning.SignatureHeader}: {Convert.ToBase64String(new byte[64])}\r\n";
    }

    public static TheoryData<string, string, int> ErrorRequests() => new()
    {
        { "GET", "api/v1/nodes?farm=abc", 400 },
        { "GET", "api/v1/nodes?orphans=maybe", 400 },
        { "GET", "api/v1/nodes?status=" + new string('s', 3000), 400 },
        { "PATCH", "api/v1/farms", 405 },
        { "DELETE", "api/v1/accounts/1", 405 },
        { "GET", "cockpit/nothing.js", 404 },
        { "GET", "nothing/here", 404 },
        { "GET", "api/v1/nodes/" + new string('a', 6000), 414 },
    };

    [Theory]
    [MemberData(nameof(ErrorRequests))]
    public async Task ErrorAnswer_AnyKind_IsProblemJsonOfAFewKb(string method, string path, int status)
    {
        using var http = R.Http();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        await ProblemAsync(response, (HttpStatusCode)status);
    }

    [Fact]
    public async Task SignedWrite_BodyNotJson_415ProblemJson()
    {
        using var id = Ed25519Identity.Generate();

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/accounts", "name=x", id, "text/plain");

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task InvalidName_SixtyThousandCharacters_AnswerStaysAFewKb()
    {
        // Under the route's body limit, so it meets the name rule, which once echoed it in the detail and the errors.
        using var id = Ed25519Identity.Generate();
        var name = new string('n', 60_000);

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/accounts",
            JsonSerializer.Serialize(new AccountCreate(name, id.Id), ContractJson.Options), id);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("is 60000 characters long", Assert.Single(FieldErrors(problem, "name")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidName_TenMegabytes_413AFewKb()
    {
        using var id = Ed25519Identity.Generate();

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/accounts",
            JsonSerializer.Serialize(new AccountCreate(new string('n', 10_000_000), id.Id), ContractJson.Options), id, expectContinue: true);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task DeclaredBodyOverTheLimit_413BeforeABodyByteIsSent()
    {
        await using var raw = await RawHttp.ConnectAsync(R.BaseUrl!, Ct);
        await raw.WriteAsync($"POST /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 28000000\r\n{BogusSignatureHeaders()}\r\n", Ct);

        // No body is sent: the answer must come from the head alone.
        var (status, headers) = await raw.ReadHeadAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(413, status);
        Assert.StartsWith("application/problem+json", headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("close", headers["connection"]);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_StoppedAtTheLimitWith413()
    {
        await using var raw = await RawHttp.ConnectAsync(R.BaseUrl!, Ct);
        await raw.WriteAsync($"POST /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n{BogusSignatureHeaders()}\r\n", Ct);
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)' ');
        // Past the default limit, but the body never ends (no last chunk): only a check at the limit answers.
        for (long sent = 0; sent <= ContractLimits.DefaultBodyBytes + chunk.Length; sent += chunk.Length)
            await raw.WriteChunkAsync(chunk, Ct);

        var (status, headers) = await raw.ReadHeadAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(413, status);
        Assert.StartsWith("application/problem+json", headers["content-type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "cockpit/cockpit.js")]
    [InlineData("GET", "cockpit/cockpit.css")]
    [InlineData("GET", "api/v1/farms")]
    [InlineData("GET", "api/v1/openapi.json")]
    [InlineData("GET", "api/v1/nodes/nobody")]
    [InlineData("POST", "api/v1/farms")]
    public async Task AnyAnswer_CarriesTheSecurityHeaders(string method, string path)
    {
        using var http = R.Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await http.SendAsync(request, Ct);

        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task UpperCasePath_SignedWrite_VerifiedByTheSignatureCheck()
    {
        using var id = Ed25519Identity.Generate();

        using var response = await SendSignedAsync(R, HttpMethod.Post, "API/V1/accounts",
            JsonSerializer.Serialize(new AccountCreate("upper", id.Id), ContractJson.Options), id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("upper", (await response.Content.ReadFromJsonAsync<Account>(ContractJson.Options, Ct))!.Name);
    }

    [Fact]
    public async Task UpperCasePath_Unsigned_RefusedByTheSignatureCheck()
    {
        using var http = R.Http();

        using var response = await http.PostAsJsonAsync("API/V1/farms", new FarmCreate("unsigned"), ContractJson.Options, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("the request is not signed: missing header(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodedSlashInPath_SignedWrite_Verifies()
    {
        var (_, owner, _) = await R.AccountAsync("slash-owner");
        var net = await owner.CreateNetworkAsync(new NetworkCreate("slash", "10.90.0.0/16"), Ct);
        var (id, _, _) = await R.AccountAsync("slash-signer");

        // A member id with an encoded '/': the client signs it decoded; the registry must verify the same text.
        using var response = await SendSignedAsync(R, HttpMethod.Delete, $"api/v1/networks/{net.NetId}/members/a%2Fb", null, id);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response, response.StatusCode);
        Assert.DoesNotContain("signature", problem.GetProperty("detail").GetString() ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
