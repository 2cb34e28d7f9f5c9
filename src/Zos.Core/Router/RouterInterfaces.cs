using Zos.Core.Farms;

namespace Zos.Core.Router;

/// <summary>
/// How the farm's router ports map to interface names on the router: by default a port is named after its segment
/// (the switch, plus "-v&lt;vlan&gt;" for a port-based VLAN) and the uplink is "wan"; a farmer overrides them with
/// `--port SEGMENT=IF` and `--wan IF`.
/// </summary>
public sealed record RouterInterfaces(string Uplink, IReadOnlyDictionary<string, string> Ports)
{
    public const string DefaultUplink = "wan";

    public static RouterInterfaces Default { get; } = new(DefaultUplink, new Dictionary<string, string>());

    /// <summary>The interface of the router port on <paramref name="port"/>'s segment.</summary>
    public string For(RouterPort port)
    {
        var segment = SegmentName(port.Switch ?? "lan", port.Vlan);
        return Ports.TryGetValue(segment, out var name) ? name : segment;
    }

    /// <summary>The name of a segment: a switch, or one port-based VLAN of it ("core-v10"), at most 15 characters.</summary>
    public static string SegmentName(string switchName, int? vlan)
    {
        var name = vlan is { } v ? $"{switchName}-v{v}" : switchName;
        return name.Length <= 15 ? name : name[..15];
    }
}
