namespace Zos.Core.Contracts;

/// <summary>
/// One step of a network boot as the farm's boot server saw it ("dhcpSeen", "loaderFetched", "scriptFetched",
/// "kernelFetched", ...), for the registry's "booting" view of MACs not yet registered as nodes.
/// </summary>
public sealed record BootEventReport(string Mac, string Step, DateTimeOffset Time, string? Client, string Detail);
