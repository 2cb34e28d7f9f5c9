namespace Zos.Lab.Runtime;

/// <summary>One row of the live table: a node's phase from DHCP to registered.</summary>
public sealed record LabNodeProgress(string Label, string Phase, string? Address, string? NodeId, bool Registered, string? Problem)
{
    /// <summary>The network manager's last pass as its network-status.json tells it (endpoints, public config, errors), once it ran.</summary>
    public string? Network { get; init; }

    /// <summary>False for a node left off the farm's list on purpose: never expected to register.</summary>
    public bool Listed { get; init; } = true;

    /// <summary>A VM's serial console log (`lab status` shows its tail while the VM is not registered), else null.</summary>
    public string? ConsoleLog { get; init; }
}
