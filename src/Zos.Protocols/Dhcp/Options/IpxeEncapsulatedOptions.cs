namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Option 175, iPXE's encapsulated space (ipxe include/ipxe/dhcp.h). Its presence means the client is iPXE; sub-options
/// 0x10-0x7f are feature flags (include/ipxe/features.h), e.g. 0x13 HTTP, 0x14 HTTPS, 0x24 EFI.
/// </summary>
public sealed record IpxeEncapsulatedOptions(IReadOnlyList<DhcpOption> SubOptions)
{
    public const byte FeatureHttp = 0x13;
    public const byte FeatureHttps = 0x14;
    public const byte FeatureEfi = 0x24;

    public bool Has(byte code) => SubOptions.Any(s => s.Code == code);

    public bool SupportsHttp => Has(FeatureHttp);

    public bool SupportsHttps => Has(FeatureHttps);

    public static bool TryParse(ReadOnlySpan<byte> data, out IpxeEncapsulatedOptions? options)
    {
        var subs = new List<DhcpOption>();
        options = TlvReader.TryRead(data, padAndEnd: true, subs) ? new IpxeEncapsulatedOptions(subs) : null;
        return options is not null;
    }
}
