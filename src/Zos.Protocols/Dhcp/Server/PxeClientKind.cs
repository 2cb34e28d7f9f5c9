using Zos.Protocols.Dhcp.Options;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// What a request says about its firmware: a PXE ROM (option 60 "PXEClient..." or option 93), iPXE (user class "iPXE"
/// or option 175, ipxe.org/howto/chainloading), and the architecture (option 93; absent means BIOS).
/// </summary>
public sealed record PxeClientKind(bool IsPxe, bool IsIpxe, ClientArchitecture Architecture)
{
    public const string PxeVendorClass = "PXEClient";

    public bool IsUefi => Architecture is ClientArchitecture.EfiIa32 or ClientArchitecture.EfiByteCode or ClientArchitecture.EfiX64;

    public static PxeClientKind Of(DhcpMessage message)
    {
        var vendor = message.VendorClass;
        var arch = message.Architecture;
        var isPxe = arch is not null || (vendor is not null && vendor.StartsWith(PxeVendorClass, StringComparison.Ordinal));
        var isIpxe = message.Options.Contains(DhcpOptionCode.IpxeEncapsulated) || message.UserClass?.Contains("iPXE") == true;
        return new PxeClientKind(isPxe, isIpxe, arch ?? ClientArchitecture.X86Bios);
    }
}
