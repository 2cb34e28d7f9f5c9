namespace Zos.Registry;

/// <summary>Refuses the second use of a signed write's (key, nonce) within the signature window.</summary>
public interface IReplayGuard
{
    /// <summary>True the first time (key, nonce) is seen within <paramref name="keep"/>; false for a replay.</summary>
    ValueTask<bool> TryRememberAsync(string keyId, string nonce, TimeSpan keep, CancellationToken ct);
}
