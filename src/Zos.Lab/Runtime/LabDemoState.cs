namespace Zos.Lab.Runtime;

/// <summary>
/// What `lab up --demo` made, kept in the lab's state so `zos lab ping` can run the ping matrix again later (after a
/// node daemon was killed and restarted, say): the network, the workloads, and the laptop's wg-quick file once it is up.
/// </summary>
public sealed record LabDemoState
{
    public string NetId { get; init; } = "";

    public List<LabWorkload> Workloads { get; init; } = [];

    /// <summary>The node (label) the registry chose as access node for hidden members and the laptop, if any.</summary>
    public string? AccessNode { get; init; }

    /// <summary>Members without a reachable endpoint (labels): they reach the others through the access node.</summary>
    public List<string> Hidden { get; init; } = [];

    /// <summary>The laptop's wg-quick file once `wg-quick up` succeeded in <see cref="LabDemo.LaptopNamespace"/>.</summary>
    public string? LaptopConfig { get; init; }

    /// <summary>The laptop's overlay addresses (the wg-quick Address line): IPv6 pings need an IPv6 one.</summary>
    public List<string> LaptopAddresses { get; init; } = [];

    /// <summary>
    /// "demo: access node X, hidden members through it: A, B" (scripts and tests read this line), or null without an
    /// access node.
    /// </summary>
    public string? AccessLine =>
        AccessNode is { } access ? $"demo: access node {access}" + (Hidden.Count == 0 ? "" : $", hidden members through it: {string.Join(", ", Hidden)}") : null;
}
