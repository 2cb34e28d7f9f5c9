namespace Zos.Core.Networks;

/// <summary>What a member of a user network is.</summary>
public enum NetworkMemberKind
{
    /// <summary>A node running a network resource (n-&lt;netid&gt;) with a WireGuard interface.</summary>
    Node,

    /// <summary>A user's machine (laptop) joining with wg-quick: a client that only dials out (zos-networking.md §6.3 step 7).</summary>
    UserAccess,
}
