using System.Net;

namespace Zos.Linux.Netlink;

/// <summary>A route to add, replace or delete (what <c>ip route add DEST [via GW] [dev DEV] [metric M] [table T]</c> says).</summary>
/// <param name="Destination">The destination prefix; 0.0.0.0/0 or ::/0 for a default route.</param>
public sealed record RouteSpec(IPNetwork Destination)
{
    /// <summary>RTA_GATEWAY; null for a directly connected (link-scope) route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>The output link (RTA_OIF), by name.</summary>
    public string? Device { get; init; }

    /// <summary>The output link by index (no name lookup); wins over <see cref="Device"/>.</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>RTA_PRIORITY.</summary>
    public uint? Metric { get; init; }

    /// <summary>Routing table; 254 is main.</summary>
    public uint Table { get; init; } = 254;

    /// <summary>RTA_PREFSRC.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>"0.0.0.0/0 via 10.0.0.1 dev eth0 metric 10 table 254", for messages.</summary>
    public override string ToString()
    {
        var text = Destination.ToString();
        if (Gateway is not null)
            text += $" via {Gateway}";
        if (Device is not null)
            text += $" dev {Device}";
        else if (DeviceIndex is not null)
            text += $" dev #{DeviceIndex}";
        if (Metric is not null)
            text += $" metric {Metric}";
        if (Table != 254)
            text += $" table {Table}";
        return text;
    }
}
