namespace Zos.Core.Mesh;

/// <summary>The IP families a member's WireGuard socket is publicly reachable on.</summary>
[Flags]
public enum IpFamilies
{
    /// <summary>Hidden: reachable on neither family, it can only dial out.</summary>
    None = 0,
    IPv4 = 1,
    IPv6 = 2,
    DualStack = IPv4 | IPv6,
}
