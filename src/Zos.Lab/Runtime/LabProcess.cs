namespace Zos.Lab.Runtime;

/// <summary>A daemon the lab started (registry, boot server, DHCP, radvd, node daemon), tracked by PID.</summary>
public sealed record LabProcess(string Role, string? Namespace, int Pid, string LogFile);
