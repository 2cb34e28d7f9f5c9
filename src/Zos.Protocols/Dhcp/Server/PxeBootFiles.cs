namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// The loaders per firmware (option 93) and the iPXE script location. A client already running iPXE gets
/// <see cref="IpxeScriptBaseUrl"/> followed by its MAC instead of a loader, which breaks the chain-load loop.
/// </summary>
public sealed record PxeBootFiles(
    string BiosLoader = "undionly.kpxe",
    string Efi64Loader = "ipxe.efi",
    string? Efi32Loader = null,
    string? IpxeScriptBaseUrl = null);
