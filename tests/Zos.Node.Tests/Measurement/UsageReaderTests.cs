using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Zos.Testing;
using Zos.Core.Contracts;
using Zos.Node.Measurement;

namespace Zos.Node.Tests.Measurement;

/// <summary>
/// The usage reader against a /proc made for the test (memory and load exactly as written, the time from the clock)
/// and against this host's root filesystem, with <c>df</c> as the independent observer of its size.
/// </summary>
public sealed class UsageReaderTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("zos-usage-").FullName;

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void Read_ProcFiles_MemoryLoadAndTheDiskAtTheTimeOfReading()
    {
        var at = new DateTimeOffset(2026, 12, 8, 1, 2, 3, TimeSpan.Zero);
        File.WriteAllText(Path.Combine(_proc, "meminfo"), "MemTotal: 8388608 kB\nMemAvailable: 2097152 kB\n");
        File.WriteAllText(Path.Combine(_proc, "loadavg"), "1.50 0.75 0.25 3/200 999\n");
        Directory.CreateDirectory(Path.Combine(_proc, "self"));
        // The test's own directory stands for a mounted disk: statfs of it is the filesystem it lives on.
        File.WriteAllText(Path.Combine(_proc, "self", "mounts"), $"proc /proc proc rw 0 0\n/dev/sdz1 {_proc} ext4 rw 0 0\n");

        var usage = new UsageReader(new FakeTimeProvider(at), _proc).Read();

        Assert.Equal(at, usage.MeasuredAt);
        Assert.Equal(new MemoryUsage(8L << 30, 2L << 30), usage.Memory);
        Assert.Equal(6L << 30, usage.Memory!.UsedBytes);
        Assert.Equal(new LoadAverage(1.5, 0.75, 0.25), usage.Load);
        var disk = Assert.Single(usage.Disks!);
        Assert.Equal(("sdz1", _proc), (disk.Name, disk.MountPoint));
        Assert.True(disk.TotalBytes > 0 && disk.UsedBytes <= disk.TotalBytes && disk.AvailableBytes <= disk.TotalBytes - disk.UsedBytes,
            $"{disk.UsedBytes} used, {disk.AvailableBytes} available of {disk.TotalBytes}");
    }

    [Fact]
    public void Read_NoProcFiles_NothingMeasuredNothingInvented()
    {
        var usage = new UsageReader(new FakeTimeProvider(), _proc).Read();

        Assert.Equal((null, null, null), (usage.Memory, usage.Load, usage.Disks));
    }

    [Fact]
    public void Read_ThisHost_RootFilesystemSizeAsDfSeesIt()
    {
        var root = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[1] == "/");
        if (root is null || !root[0].StartsWith("/dev/", StringComparison.Ordinal))
        {
            Require.Missing($"a root filesystem on a disk (here: {root?[0] ?? "no / in /proc/self/mounts"})");
            return;
        }

        var usage = new UsageReader(TimeProvider.System).Read();

        var disk = Assert.Single(usage.Disks!, d => d.MountPoint == "/");
        Assert.Equal(root[0]["/dev/".Length..], disk.Name);
        Assert.Equal(DfSizeBytes("/"), disk.TotalBytes);
        Assert.NotNull(usage.Memory);
        Assert.NotNull(usage.Load);
    }

    private static long DfSizeBytes(string path)
    {
        using var df = Process.Start(new ProcessStartInfo("df", ["--output=size", "-B1", path]) { RedirectStandardOutput = true })!;
        var lines = df.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        df.WaitForExit();
        return long.Parse(lines[^1].Trim(), CultureInfo.InvariantCulture);
    }
}
