using System.Runtime.InteropServices;
using Zos.Linux.Interop;

namespace Zos.Linux.Files;

/// <summary>
/// fsync(2) of a directory. A file written to a temporary name, flushed and renamed into place survives a power cut
/// only once its directory is flushed too: until then the rename lives in the file system's journal in memory (ext4
/// commits every 5 s), and a machine that loses power just after its first boot would come back without the file.
/// </summary>
public static class DirectorySync
{
    /// <summary>Flushes <paramref name="directory"/>'s entries to the disk; an IOException names the directory and errno.</summary>
    public static void Flush(string directory)
    {
        var fd = LibC.open(directory, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to flush it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (LibC.fsync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
