namespace Zos.Client;

/// <summary>
/// An answer of the registry that is not proven to come from the trusted registry key (no signature, another key, or a
/// signature that does not verify): nothing of it is used. Transient for the retry loops (<see cref="RegistryFailure"/>):
/// the node keeps asking, with backoff, and may reach its real registry later.
/// </summary>
public sealed class RegistryTrustException(string message) : Exception(message);
