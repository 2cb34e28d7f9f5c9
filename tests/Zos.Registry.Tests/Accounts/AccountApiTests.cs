using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Accounts;

/// <summary>
/// Accounts: created with their own key only, read back by id and key, names unique. Runs once per store
/// (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class AccountApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : AccountApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : AccountApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task CreateAccount_OwnKey_CanBeReadBackByIdAndKey()
    {
        var (id, client, account) = await R.AccountAsync("alice");
        Assert.Equal("alice", account.Name);
        Assert.Equal(id.Id, account.PublicKey);
        Assert.Equal(account, await client.GetAccountAsync(account.Id, Ct));
        Assert.Equal(account.Id, (await client.GetMyAccountAsync(Ct)).Id);
    }

    [Fact]
    public async Task CreateAccount_SomeoneElsesKey_Forbidden()
    {
        using var signer = Ed25519Identity.Generate();
        using var other = Ed25519Identity.Generate();
        var e = await Refused(() => SendSignedAsync(signer, HttpMethod.Post, "api/v1/accounts", new AccountCreate("bob", other.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal($"an account is created with its own key: publicKey '{other.Id}' is not the signing key '{signer.Id}'", e.Detail);
    }

    [Fact]
    public async Task CreateAccount_NameTaken_Conflict()
    {
        await R.AccountAsync("carol");
        var e = await Refused(() => R.AccountAsync("carol"));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal(["an account named 'carol' exists already"], e.FieldErrors["name"]);
    }

    [Fact]
    public async Task CreateAccount_BadName_ListsFieldError()
    {
        using var id = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(id).CreateAccountAsync("a b", Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["'a b' may contain only letters, digits, '_' and '-'"], e.FieldErrors["name"]);
    }

    private async Task<HttpResponseMessage> SendSignedAsync(Ed25519Identity id, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(R.Http().BaseAddress!, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var response = await R.Http().SendAsync(request, Ct);
        if (!response.IsSuccessStatusCode)
        {
            var p = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            throw new RegistryException(response.StatusCode, method.Method, path, p.GetProperty("title").GetString()!,
                p.TryGetProperty("detail", out var d) ? d.GetString() : null, new Dictionary<string, string[]>());
        }
        return response;
    }
}
