using Zos.Core.Primitives;

namespace Zos.Node.Bringup;

/// <summary>A link of the node's namespace as netlink lists it (kind "device" = no IFLA_INFO_KIND, real hardware).</summary>
public sealed record HostLink(string Name, int Index, string Kind, MacAddress Mac, int? MasterIndex, bool IsUp, bool HasCarrier);
