using System.Net;

namespace Zos.Core.Reconcile;

/// <summary>A route in a network resource's namespace: destination prefix (0.0.0.0/0 or ::/0 for a default route), optional gateway, device.</summary>
public sealed record ResourceRoute(IPNetwork Destination, IPAddress? Gateway, string Device)
{
    public override string ToString() => Gateway is null ? $"{Destination} dev {Device}" : $"{Destination} via {Gateway} dev {Device}";
}
