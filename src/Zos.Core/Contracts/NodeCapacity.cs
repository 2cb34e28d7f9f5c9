namespace Zos.Core.Contracts;

/// <summary>What a node offers: CPU cores, memory and disks.</summary>
public sealed record NodeCapacity(int CpuCores, long MemoryBytes, IReadOnlyList<DiskInfo> Disks)
{
    public long SsdBytes => Disks.Where(d => d.Kind == "ssd").Sum(d => d.SizeBytes);

    public long HddBytes => Disks.Where(d => d.Kind == "hdd").Sum(d => d.SizeBytes);
}
