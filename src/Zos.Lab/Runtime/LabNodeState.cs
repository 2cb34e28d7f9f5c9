namespace Zos.Lab.Runtime;

/// <summary>A node of a running lab: where it lives and where its daemon writes.</summary>
public sealed record LabNodeState(string Label, string Farm, string Namespace, string StateDirectory, string LogFile, int Pid, IReadOnlyList<string> Macs);
