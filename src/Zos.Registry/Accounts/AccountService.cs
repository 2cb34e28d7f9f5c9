using Zos.Core.Contracts;
using Zos.Core.Validation;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry.Accounts;

/// <summary>
/// Accounts: created with their own key, read by id or key, and the account behind a request's signing key, which
/// every owner check (farms, networks) starts from. <c>signer</c> is the base58 key that signed the request.
/// </summary>
public sealed class AccountService(IRegistryStore store, TimeProvider time)
{
    public async Task<Account> CreateAccountAsync(string signer, AccountCreate body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        RegistryRules.PublicKey(body.PublicKey, "publicKey", errors);
        ApiProblem.ThrowIfInvalid(errors);
        if (body.PublicKey != signer)
            throw ApiProblem.Forbidden($"an account is created with its own key: publicKey '{body.PublicKey}' is not the signing key '{signer}'");
        try
        {
            return await store.CreateAccountAsync(body.Name, body.PublicKey, time.GetUtcNow(), ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
    }

    public async Task<Account> GetAccountAsync(long id, CancellationToken ct) =>
        await store.GetAccountAsync(id, ct) ?? throw ApiProblem.NotFound($"account {id} does not exist");

    public async Task<Account> GetAccountByKeyAsync(string key, CancellationToken ct) =>
        await store.GetAccountByKeyAsync(key, ct) ?? throw ApiProblem.NotFound($"no account has the key '{key}'");

    /// <summary>The account of the key that signed a write; refused when the key has none.</summary>
    public async Task<Account> SignerAccountAsync(string signer, CancellationToken ct) =>
        await store.GetAccountByKeyAsync(signer, ct)
        ?? throw ApiProblem.Forbidden($"the signing key '{signer}' has no account; create one first (zos account create)");
}
