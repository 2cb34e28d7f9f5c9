namespace Zos.Core.Farms;

/// <summary>A switch (a segment) of the farm; NICs, the router and the boot server plug into switches by name.</summary>
public sealed record FarmSwitch
{
    public string Name { get; init; } = "";

    /// <summary>Free text such as "1G" or "10G" (documentation, and the lab's drawing).</summary>
    public string? Speed { get; init; }

    public string? Description { get; init; }
}
