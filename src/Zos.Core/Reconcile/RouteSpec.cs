namespace Zos.Core.Reconcile;

/// <summary>A route in a network resource's namespace: destination prefix ("default" is written 0.0.0.0/0 or ::/0), optional gateway, device.</summary>
public sealed record RouteSpec(string Destination, string? Gateway, string Device)
{
    public override string ToString() => Gateway is null ? $"{Destination} dev {Device}" : $"{Destination} via {Gateway} dev {Device}";
}
