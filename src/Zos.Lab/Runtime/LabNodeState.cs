namespace Zos.Lab.Runtime;

/// <summary>
/// A node of a running lab: where it lives and where its daemon writes. <paramref name="MountHolder"/> is the process
/// that keeps the node's mount namespace (its /run/netns and /run/wireguard) alive across daemon restarts.
/// </summary>
public sealed record LabNodeState(string Label, string Farm, string Namespace, string StateDirectory, string LogFile, int Pid, IReadOnlyList<string> Macs, int MountHolder = 0);
