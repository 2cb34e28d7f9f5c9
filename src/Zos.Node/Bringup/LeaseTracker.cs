using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Applies the zos DHCP client's events through netlink: the lease address (valid lifetime = lease time) and the
/// IPv4 default route via the first router. "deconfig" is ignored so a restarted client never removes the address
/// a running node uses; only a NAK (the server refuses the address) removes it. The lease's name servers go to
/// <paramref name="nameServers"/> (the machine's resolver on a real node; nowhere in the lab).
/// </summary>
public sealed class LeaseTracker(ILinkControl links, string link, TimeProvider time, INameServers? nameServers = null)
{
    private readonly Lock _lock = new();

    public DhcpLease? Lease { get; private set; }

    public DateTimeOffset? ObtainedAt { get; private set; }

    public event Action? Changed;

    public void OnEvent(LeaseEvent e)
    {
        lock (_lock)
        {
            switch (e.Kind)
            {
                case LeaseEventKind.Bound or LeaseEventKind.Renew when e.Lease is { } lease:
                    if (Lease is { } old && (!old.Address.Equals(lease.Address) || old.PrefixLength != lease.PrefixLength))
                        links.RemoveAddress(link, old.Address, old.PrefixLength);
                    links.ReplaceAddress(link, lease.Address, lease.PrefixLength, lease.LeaseTime);
                    if (lease.Routers.Count > 0)
                        links.ReplaceDefaultRoute4(link, lease.Routers[0]);
                    nameServers?.Apply(lease.DnsServers);
                    Lease = lease;
                    ObtainedAt = time.GetUtcNow();
                    break;
                case LeaseEventKind.Nak when Lease is { } refused:
                    links.RemoveAddress(link, refused.Address, refused.PrefixLength);
                    Lease = null;
                    break;
                default:
                    return;
            }
        }
        Changed?.Invoke();
    }
}
