using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Router;

/// <summary>
/// What a running router (the host, or a namespace) has, as far as <see cref="RouterConfigChecker"/> looks at it.
/// </summary>
/// <param name="Links">Every interface by name, with the addresses configured on it.</param>
/// <param name="Routes">The destinations of the routes (connected routes included; default routes are not looked at).</param>
/// <param name="Ipv4Forwarding">net.ipv4.ip_forward is 1.</param>
/// <param name="Ipv6Forwarding">net.ipv6.conf.all.forwarding is 1.</param>
/// <param name="NftablesTables">The names of the nftables tables, or null when they were not read (<see cref="RouterConfigChecker.NeedsNftables"/>).</param>
public sealed record RouterObservation(
    IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> Links,
    IReadOnlyList<IPNetwork> Routes,
    bool Ipv4Forwarding,
    bool Ipv6Forwarding,
    IReadOnlySet<string>? NftablesTables);
