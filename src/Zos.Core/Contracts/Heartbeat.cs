namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/nodes/{id}/heartbeat</c>: host uptime and health.</summary>
public sealed record Heartbeat(long UptimeSeconds, NodeHealth Health);
