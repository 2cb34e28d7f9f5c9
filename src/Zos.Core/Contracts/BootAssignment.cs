namespace Zos.Core.Contracts;

/// <summary>What the boot server needs for one MAC (<c>GET /api/v1/boot/{mac}</c>): farm, runmode and the whole extra kernel arguments (farm profile, then the node's own).</summary>
public sealed record BootAssignment(uint FarmId, string Mac, string Runmode, string KernelArgs);
