namespace Zos.Core.Cmdline;

/// <summary>pub:mac= (zos-networking.md §3.4): how the MAC of the public macvlan is chosen.</summary>
public enum PublicMacPolicy
{
    /// <summary>Derived from nodeId + "-public" (the default).</summary>
    Random,
    /// <summary>The physical NIC takes the derived MAC and the macvlan takes the NIC's own MAC (providers binding IPs to the NIC MAC).</summary>
    Swap,
}
