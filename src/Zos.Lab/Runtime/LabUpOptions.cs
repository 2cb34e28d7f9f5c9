namespace Zos.Lab.Runtime;

/// <summary>Settings of `zos lab up`.</summary>
public sealed record LabUpOptions
{
    public int RegistryPort { get; init; } = 8480;

    /// <summary>How long to wait for every node to register before reporting the stragglers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Seconds between node heartbeats (the registry marks a node down after three missed ones).</summary>
    public int HeartbeatSeconds { get; init; } = 5;
}
