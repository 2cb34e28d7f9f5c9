namespace Zos.Lab.Runtime;

/// <summary>
/// A node of a running lab: where it lives and where its daemon writes. <paramref name="MountHolder"/> is the process
/// that keeps the node's mount namespace (its /run/netns and /run/wireguard) alive across daemon restarts.
/// For a VM node, <paramref name="Pid"/> is qemu's, <paramref name="LogFile"/> its serial console and <see cref="Vm"/> is set.
/// </summary>
public sealed record LabNodeState(string Label, string Farm, string Namespace, string StateDirectory, string LogFile, int Pid, IReadOnlyList<string> Macs, int MountHolder = 0)
{
    public LabVmState? Vm { get; init; }

    /// <summary>False for a node whose MAC the lab left off the farm's boot list: it is never expected to register.</summary>
    public bool Listed { get; init; } = true;
}
