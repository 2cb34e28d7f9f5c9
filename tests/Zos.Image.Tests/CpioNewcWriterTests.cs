using Xunit;
using System.Text;
using Zos.Image.Archive;

namespace Zos.Image.Tests;

public sealed class CpioNewcWriterTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static byte[] Write(IEnumerable<CpioEntry> entries)
    {
        using var stream = new MemoryStream();
        CpioNewcWriter.Write(stream, entries, Epoch);
        return stream.ToArray();
    }

    [Fact]
    public void Entries_come_out_sorted_owned_by_root_with_one_time_and_counting_inodes()
    {
        var archive = Write([
            CpioEntry.File("usr/bin/zos-node", [1, 2, 3, 4, 5], executable: true),
            CpioEntry.Directory("usr"),
            CpioEntry.Symlink("bin", "usr/bin"),
            CpioEntry.Directory("usr/bin"),
            CpioEntry.File("init", Encoding.UTF8.GetBytes("#!/bin/sh\n"), executable: true),
        ]);
        var members = CpioNewcReader.Read(archive);
        Assert.Equal(["bin", "init", "usr", "usr/bin", "usr/bin/zos-node"], members.Select(m => m.Name));
        Assert.Equal([1u, 2u, 3u, 4u, 5u], members.Select(m => m.Inode));
        Assert.All(members, m => Assert.Equal((0u, 0u, 1_700_000_000u), (m.Uid, m.Gid, m.Mtime)));
        Assert.Equal(CpioEntryKind.Symlink, CpioNewcReader.Kind(members[0].Mode));
        Assert.Equal("usr/bin", Encoding.UTF8.GetString(members[0].Data));
        Assert.Equal(0x81EDu, members[1].Mode); // regular file 0755
        Assert.Equal(0x41EDu, members[2].Mode); // directory 0755
        Assert.Equal(2u, members[2].Links);
        Assert.Equal([1, 2, 3, 4, 5], members[4].Data);
    }

    [Fact]
    public void The_same_entries_in_any_order_give_the_same_bytes()
    {
        CpioEntry[] entries = [CpioEntry.Directory("etc"), CpioEntry.File("etc/hosts", "127.0.0.1 localhost\n"u8.ToArray(), false), CpioEntry.Symlink("lib", "usr/lib")];
        Assert.Equal(Write(entries), Write(entries.Reverse()));
    }

    [Fact]
    public void A_path_twice_or_an_absolute_path_is_refused()
    {
        var twice = Assert.Throws<ArgumentException>(() => Write([CpioEntry.Directory("etc"), CpioEntry.Directory("etc")]));
        Assert.Contains("'etc' twice", twice.Message, StringComparison.Ordinal);
        var absolute = Assert.Throws<ArgumentException>(() => Write([CpioEntry.Directory("/etc")]));
        Assert.Contains("'/etc'", absolute.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_archive_is_the_trailer_alone()
    {
        var archive = Write([]);
        Assert.Empty(CpioNewcReader.Read(archive));
        Assert.Equal(0, archive.Length % 4);
    }
}
