namespace Zos.Registry.Storage;

/// <summary>
/// The farmer's consent a registration carries, as the registry found it before writing: <see cref="ByMac"/> (one of
/// the node's MACs is on the farm's list) or a valid enrollment token <see cref="TokenId"/> (counted as used when
/// it is what lets the node in, and only while it is still not revoked at that moment).
/// </summary>
public sealed record FarmConsent(bool ByMac, long? TokenId)
{
    public static readonly FarmConsent None = new(false, null);
}
