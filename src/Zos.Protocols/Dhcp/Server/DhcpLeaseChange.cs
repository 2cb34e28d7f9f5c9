namespace Zos.Protocols.Dhcp.Server;

/// <summary>A change the decision asks the lease store to make: set (insert or replace by address) or remove a lease.</summary>
public sealed record DhcpLeaseChange(bool Remove, DhcpServerLease Lease)
{
    public static DhcpLeaseChange Set(DhcpServerLease lease) => new(false, lease);

    public static DhcpLeaseChange Delete(DhcpServerLease lease) => new(true, lease);
}
