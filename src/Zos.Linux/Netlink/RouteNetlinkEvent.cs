namespace Zos.Linux.Netlink;

/// <summary>One link or address notification.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Link">The link, for link events.</param>
/// <param name="Address">The address, for address events.</param>
public sealed record RouteNetlinkEvent(RouteNetlinkEventKind Kind, LinkInfo? Link = null, AddressInfo? Address = null);
