namespace Zos.Core.Tests.Mesh;

/// <summary>What a generated member is: how it can be reached, or a user-access client.</summary>
public enum MemberShape
{
    Hidden,
    PublicIPv4,
    PublicIPv6,
    DualStack,
    UserAccess,
}
