namespace Zos.Node.Measurement;

/// <summary>A disk filesystem to measure: its device name under /dev ("sda1", "mapper/vg-root") and where it is mounted.</summary>
public sealed record DiskMount(string Device, string MountPoint);
