namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Option 93 processor architecture types (RFC 4578 §2.1, IANA registry). 7 is "EFI BC" in the RFC but x64 UEFI in
/// practice (RFC errata 4624); both 7 and 9 get the x64 loader.
/// </summary>
public enum ClientArchitecture : ushort
{
    X86Bios = 0,
    EfiIa32 = 6,
    EfiByteCode = 7,
    EfiX64 = 9,
    EfiX64Http = 16,
}
