using System.Net;
using System.Net.Sockets;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// The addresses a node reports as its WireGuard endpoints, from which the registry builds the other members' peers: the public config's
/// IPv4 and IPv6 first (the farmer's choice), then global IPv6 addresses of <c>zos</c> (SLAAC on the management LAN,
/// zos-networking.md §2.2), then public IPv4 addresses of <c>zos</c> (a node plugged straight into a public LAN).
/// Private, CGNAT (RFC 6598), ULA and link-local addresses are never offered: a peer could not reach them.
/// </summary>
public static class EndpointCandidates
{
    private static readonly IPNetwork s_sharedAddressSpace = IPNetwork.Parse("100.64.0.0/10");

    /// <summary>Hosts without a port, in preference order, each once.</summary>
    public static IReadOnlyList<string> From(PublicConfig? publicConfig, IEnumerable<IPAddress> zosAddresses)
    {
        ArgumentNullException.ThrowIfNull(zosAddresses);
        var hosts = new List<IPAddress>();
        if (publicConfig is not null)
        {
            AddConfigured(hosts, publicConfig.Ipv4.Address);
            if (publicConfig.Ipv6 is { } v6)
                AddConfigured(hosts, v6.Address);
        }
        var zos = zosAddresses.ToList();
        hosts.AddRange(zos.Where(PrivateAddresses.IsGlobalIpv6));
        hosts.AddRange(zos.Where(a => a.AddressFamily == AddressFamily.InterNetwork && !PrivateAddresses.IsPrivate(a) && !s_sharedAddressSpace.Contains(a)));
        return [.. hosts.Distinct().Select(a => a.ToString())];
    }

    /// <summary>"host:port" for IPv4, "[host]:port" for IPv6.</summary>
    public static string Format(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var p = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{p}" : $"{host}:{p}";
    }

    private static void AddConfigured(List<IPAddress> hosts, string cidr)
    {
        // The registry validated the config; an unparsable one is skipped rather than offered.
        if (InterfaceAddress.TryParse(cidr, out var a))
            hosts.Add(a.Address);
    }
}
