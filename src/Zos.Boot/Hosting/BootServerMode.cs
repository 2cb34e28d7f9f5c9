namespace Zos.Boot.Hosting;

/// <summary>How the boot server's DHCP side behaves on its LAN.</summary>
public enum BootServerMode
{
    /// <summary>The farm's DHCP server: addresses, reservations and PXE data.</summary>
    Full,

    /// <summary>Beside an existing DHCP server: PXE data only, no addresses (proxyDHCP, port 4011 for UEFI).</summary>
    Proxy,
}
