namespace Zos.Linux.Netlink.Kernel;

/// <summary>Constants of linux/if_addr.h: struct ifaddrmsg and IFA_* attributes.</summary>
internal static class IfAddrConstants
{
    /// <summary>sizeof(struct ifaddrmsg): family, prefixlen, flags, scope (u8 each), index (u32).</summary>
    public const int IfAddrMsgSize = 8;

    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_CACHEINFO = 6;
    public const ushort IFA_FLAGS = 8;
}
