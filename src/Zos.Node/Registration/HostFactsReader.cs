using System.Reflection;
using Zos.Core.Contracts;

namespace Zos.Node.Registration;

/// <summary>Reads capacity, versions and uptime from /proc and /sys (the only IO behind <see cref="HostFacts"/>).</summary>
public sealed class HostFactsReader(string procRoot = "/proc", string sysRoot = "/sys")
{
    public NodeCapacity ReadCapacity()
    {
        var cpus = HostFacts.CountProcessors(ReadOr(Path.Combine(procRoot, "cpuinfo"), ""));
        var memory = HostFacts.ParseMemTotal(ReadOr(Path.Combine(procRoot, "meminfo"), "")) ?? 0;
        var disks = new List<DiskInfo>();
        var block = Path.Combine(sysRoot, "block");
        if (Directory.Exists(block))
        {
            foreach (var dir in Directory.EnumerateFileSystemEntries(block).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (!HostFacts.IsDisk(name))
                    continue;
                var disk = HostFacts.ParseDisk(name, ReadOr(Path.Combine(dir, "size"), "0"), ReadOrNull(Path.Combine(dir, "queue", "rotational")));
                if (disk is not null)
                    disks.Add(disk);
            }
        }
        return new NodeCapacity(cpus > 0 ? cpus : Environment.ProcessorCount, memory, disks);
    }

    public NodeVersions ReadVersions() => new(ZosVersion, ReadOrNull(Path.Combine(procRoot, "sys", "kernel", "osrelease"))?.Trim());

    public long ReadUptimeSeconds() => HostFacts.ParseUptime(ReadOr(Path.Combine(procRoot, "uptime"), "0"));

    public static string ZosVersion =>
        typeof(HostFactsReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static string ReadOr(string path, string fallback) => ReadOrNull(path) ?? fallback;

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
