namespace Zos.Linux.Netlink;

/// <summary>enum macvlan_mode (linux/if_link.h).</summary>
public enum MacvlanMode : uint
{
    /// <summary>MACVLAN_MODE_PRIVATE: no traffic between macvlans of one parent.</summary>
    Private = 1,
    /// <summary>MACVLAN_MODE_VEPA: traffic between macvlans goes through the external switch.</summary>
    Vepa = 2,
    /// <summary>MACVLAN_MODE_BRIDGE: macvlans of one parent talk directly.</summary>
    Bridge = 4,
    /// <summary>MACVLAN_MODE_PASSTHRU: one macvlan takes over the parent.</summary>
    Passthru = 8,
}
