using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Api;

/// <summary>
/// The API as HTTP: its OpenAPI document and the problem answer to a body that is not JSON. Runs once per store
/// (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class HttpApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : HttpApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : HttpApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheRoutes()
    {
        var doc = await R.Http().GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Ct);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/nodes/{id}/desired-state", paths);
        Assert.Contains("/api/v1/farms/{id}/ips", paths);
        Assert.Contains("/api/v1/networks/{netId}/join", paths);
    }

    [Fact]
    public async Task BadJsonBody_ProblemWithDetail()
    {
        using var id = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
