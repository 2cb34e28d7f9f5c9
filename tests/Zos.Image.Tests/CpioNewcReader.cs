using Xunit;
using System.Globalization;
using System.Text;
using Zos.Image.Archive;

namespace Zos.Image.Tests;

/// <summary>A reader of newc archives written independently of the writer, for tests: every header field checked.</summary>
internal static class CpioNewcReader
{
    public sealed record Member(string Name, uint Inode, uint Mode, uint Uid, uint Gid, uint Links, uint Mtime, byte[] Data);

    public static List<Member> Read(byte[] archive)
    {
        var members = new List<Member>();
        var at = 0;
        while (true)
        {
            Assert.True(at % 4 == 0, $"header at {at} is not 4-byte aligned");
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, at, 6));
            uint Field(int i) => uint.Parse(Encoding.ASCII.GetString(archive, at + 6 + i * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var nameSize = (int)Field(11);
            var fileSize = (int)Field(6);
            var name = Encoding.UTF8.GetString(archive, at + 110, nameSize - 1);
            Assert.Equal(0, archive[at + 110 + nameSize - 1]);
            var dataAt = Align(at + 110 + nameSize);
            var member = new Member(name, Field(0), Field(1), Field(2), Field(3), Field(4), Field(5), archive[dataAt..(dataAt + fileSize)]);
            at = Align(dataAt + fileSize);
            if (name == "TRAILER!!!")
                break;
            members.Add(member);
        }
        Assert.Equal(archive.Length, at);
        return members;
    }

    public static CpioEntryKind Kind(uint mode) => (mode & 0xF000) switch
    {
        0x4000 => CpioEntryKind.Directory,
        0x8000 => CpioEntryKind.File,
        0xA000 => CpioEntryKind.Symlink,
        _ => throw new InvalidDataException($"mode {mode:X}"),
    };

    private static int Align(int n) => (n + 3) & ~3;
}
