namespace Zos.Core.Contracts;

/// <summary>What a node offers: CPU cores, memory and disks. The totals saturate and skip missing disks, so stored data never breaks a view.</summary>
public sealed record NodeCapacity(int CpuCores, long MemoryBytes, IReadOnlyList<DiskInfo> Disks)
{
    public long SsdBytes => SaturatingMath.Sum(Disks?.Where(d => d?.Kind == "ssd") ?? [], d => d!.SizeBytes);

    public long HddBytes => SaturatingMath.Sum(Disks?.Where(d => d?.Kind == "hdd") ?? [], d => d!.SizeBytes);
}
