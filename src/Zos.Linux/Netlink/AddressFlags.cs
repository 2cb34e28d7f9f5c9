namespace Zos.Linux.Netlink;

/// <summary>IFA_F_* address flags (linux/if_addr.h); the full 32-bit set travels in IFA_FLAGS.</summary>
[Flags]
public enum AddressFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>IFA_F_SECONDARY.</summary>
    Secondary = 0x01,
    /// <summary>IFA_F_NODAD: skip IPv6 duplicate address detection.</summary>
    NoDad = 0x02,
    /// <summary>IFA_F_OPTIMISTIC.</summary>
    Optimistic = 0x04,
    /// <summary>IFA_F_DADFAILED.</summary>
    DadFailed = 0x08,
    /// <summary>IFA_F_HOMEADDRESS.</summary>
    HomeAddress = 0x10,
    /// <summary>IFA_F_DEPRECATED.</summary>
    Deprecated = 0x20,
    /// <summary>IFA_F_TENTATIVE: DAD still running.</summary>
    Tentative = 0x40,
    /// <summary>IFA_F_PERMANENT: configured, not learnt.</summary>
    Permanent = 0x80,
    /// <summary>IFA_F_MANAGETEMPADDR.</summary>
    ManageTemporaryAddress = 0x100,
    /// <summary>IFA_F_NOPREFIXROUTE: do not add the prefix route.</summary>
    NoPrefixRoute = 0x200,
    /// <summary>IFA_F_MCAUTOJOIN.</summary>
    MulticastAutoJoin = 0x400,
    /// <summary>IFA_F_STABLE_PRIVACY.</summary>
    StablePrivacy = 0x800,
}
