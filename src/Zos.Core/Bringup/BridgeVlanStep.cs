using System.Globalization;

namespace Zos.Core.Bringup;

/// <summary>One bridge VLAN membership change, as <c>bridge vlan add|del vid V dev D [pvid] [untagged] [self]</c> would make it.</summary>
public sealed record BridgeVlanStep(string Device, ushort Vid, bool Add, bool Pvid = false, bool Untagged = false, bool Self = false)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"bridge vlan {(Add ? "add" : "del")} vid {Vid} dev {Device}{(Pvid ? " pvid" : "")}{(Untagged ? " untagged" : "")}{(Self ? " self" : "")}");
}
