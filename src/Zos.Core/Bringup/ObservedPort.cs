using Zos.Core.Primitives;

namespace Zos.Core.Bringup;

/// <summary>A link enslaved to the bridge <c>zos</c>, as netlink reported it.</summary>
public sealed record ObservedPort(string Name, MacAddress Mac, bool IsPhysical, bool IsUp, bool Ipv6Disabled);
