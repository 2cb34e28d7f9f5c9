namespace Zos.Core.Bringup;

/// <summary>
/// The outcome of <see cref="ZosNicSelector.Choose"/>: the chosen NIC (or null), how it gets out, and for every
/// other NIC the reason it was not chosen (keyed by NIC name).
/// </summary>
public sealed record NicSelection(
    NicProbeResult? Chosen,
    AddressFamilyChoice? Family,
    IReadOnlyDictionary<string, string> WhyNot)
{
    public bool Succeeded => Chosen is not null;

    /// <summary>The error of the attempt when nothing was chosen.</summary>
    public const string NothingUsable = "no NIC has a default route (IPv4 lease with a router, or IPv6 with an RA default route)";
}
