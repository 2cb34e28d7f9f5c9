namespace Zos.Core.Validation;

/// <summary>How strict the public-address rules are. <see cref="Strict"/> is the original registry's behaviour.</summary>
public sealed record PublicAddressOptions
{
    /// <summary>
    /// Accept documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20) as
    /// public, with a warning that they are not routable on the Internet. The example farms and the lab use them;
    /// tfchain's private list rejects them, so the default is false.
    /// </summary>
    public bool AllowDocumentationRanges { get; init; }

    /// <summary>A public config must have IPv4 (tfchain: ip4 required, ip6 optional). When false, IPv6 alone is enough.</summary>
    public bool RequireIpv4 { get; init; } = true;

    /// <summary>The original's rules: documentation ranges rejected, IPv4 required.</summary>
    public static PublicAddressOptions Strict { get; } = new();

    /// <summary>For example farms and labs: documentation ranges accepted with a warning, IPv6-only configs accepted.</summary>
    public static PublicAddressOptions Lab { get; } = new() { AllowDocumentationRanges = true, RequireIpv4 = false };
}
