using System.Net;
using Zos.Core.Primitives;

namespace Zos.Boot.Configuration;

/// <summary>One node of the farm's MAC list: its own kernel arguments and its management address reservation.</summary>
public sealed record BootNode
{
    public required MacAddress Mac { get; init; }

    public string? Name { get; init; }

    /// <summary>Appended after the profile's arguments (e.g. <c>vlan:priv=10</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The private management address DHCP reserves for this MAC, if any.</summary>
    public IPAddress? ManagementIp { get; init; }
}
