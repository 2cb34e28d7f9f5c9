namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Option 43 for PXE clients: PXE 2.1 sub-options. Only PXE_DISCOVERY_CONTROL (6) is written: 8 means "no boot-server
/// discovery, download the boot file" (as pixiecore sends). Menus (8, 9, 10, 71) are not needed for a single loader.
/// </summary>
public sealed record PxeVendorOptions(byte? DiscoveryControl)
{
    public const byte DiscoveryControlCode = 6;

    /// <summary>Bit 3 of PXE_DISCOVERY_CONTROL: use the boot file from this offer, skip discovery.</summary>
    public const byte UseBootFileDirectly = 8;

    public static PxeVendorOptions BootFileOnly { get; } = new(UseBootFileDirectly);

    public byte[] Encode()
    {
        if (DiscoveryControl is not { } control)
            return [255];
        return [DiscoveryControlCode, 1, control, 255];
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out PxeVendorOptions options)
    {
        options = new PxeVendorOptions((byte?)null);
        var subs = new List<DhcpOption>();
        if (!TlvReader.TryRead(data, padAndEnd: true, subs))
            return false;
        foreach (var s in subs)
        {
            if (s.Code == DiscoveryControlCode && s.Data.Length == 1)
                options = new PxeVendorOptions(s.Data.Span[0]);
        }
        return true;
    }
}
