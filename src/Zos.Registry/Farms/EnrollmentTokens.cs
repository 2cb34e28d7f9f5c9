using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Zos.Core.Contracts;
using Zos.Registry.Storage;

namespace Zos.Registry.Farms;

/// <summary>
/// Farm enrollment tokens: the farmer's standing consent for nodes whose MACs are not on the farm's list. The secret
/// is shown once, at creation; the registry keeps only its SHA-256 (a fast hash is enough: the secret has 256 random
/// bits, so there is nothing to brute-force that a slow hash would protect). Revoking keeps the record (uses, times)
/// and stops new nodes from joining with it; nodes that joined with it stay.
/// </summary>
public sealed class EnrollmentTokens(IRegistryStore store, FarmService farms, TimeProvider time)
{
    public async Task<FarmTokenCreated> CreateAsync(string signer, uint farmId, CancellationToken ct)
    {
        await farms.RequireOwnedFarmAsync(signer, farmId, ct);
        var secret = NewSecret();
        var token = await store.CreateFarmTokenAsync(farmId, Hash(secret), time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        return new FarmTokenCreated(token, secret);
    }

    public async Task<IReadOnlyList<FarmToken>> ListAsync(uint farmId, CancellationToken ct)
    {
        await farms.RequireFarmAsync(farmId, ct);
        return await store.ListFarmTokensAsync(farmId, ct);
    }

    public async Task<FarmToken> RevokeAsync(string signer, uint farmId, long tokenId, CancellationToken ct)
    {
        await farms.RequireOwnedFarmAsync(signer, farmId, ct);
        return await store.RevokeFarmTokenAsync(farmId, tokenId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct)
               ?? throw ApiProblem.NotFound($"farm {farmId} has no enrollment token {tokenId}");
    }

    /// <summary>A new secret: <see cref="FarmEnrollmentToken.Prefix"/> and 32 bytes of the system CSPRNG in base64url.</summary>
    public static string NewSecret() =>
        FarmEnrollmentToken.Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(FarmEnrollmentToken.SecretBytes));

    /// <summary>What the store keeps of a secret: its SHA-256 in lowercase hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
