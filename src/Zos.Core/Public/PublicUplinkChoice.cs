namespace Zos.Core.Public;

/// <summary>The uplink of br-pub, with the reason it was chosen (shown to the farmer and reported to the registry).</summary>
public sealed record PublicUplinkChoice(PublicUplinkKind Kind, string? Nic, string Reason)
{
    public static PublicUplinkChoice SingleNic(string reason) => new(PublicUplinkKind.SingleNic, null, reason);
}
