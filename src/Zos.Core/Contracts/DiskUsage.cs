namespace Zos.Core.Contracts;

/// <summary>
/// The space of one mounted disk filesystem (statfs): its device name ("sda1"), where it is mounted, its size, the
/// bytes in use, and the bytes still available to unprivileged writers (less than size minus used: the root reserve).
/// </summary>
public sealed record DiskUsage(string Name, string MountPoint, long TotalBytes, long UsedBytes, long AvailableBytes);
