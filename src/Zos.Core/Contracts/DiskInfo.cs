namespace Zos.Core.Contracts;

/// <summary>One disk of a node: device name, size in bytes and kind ("ssd" or "hdd").</summary>
public sealed record DiskInfo(string Name, long SizeBytes, string Kind);
