namespace Zos.Boot.Configuration;

/// <summary>What the boot server does for a MAC that is not on the farm's list.</summary>
public enum UnknownMacPolicy
{
    /// <summary>Answer nothing (no DHCP offer, HTTP 404): the default, so a boot server can share a LAN.</summary>
    Ignore,

    /// <summary>Boot it without a farm id: the node comes up as an orphan (boot-and-registry.md §1.3).</summary>
    Orphan,
}
