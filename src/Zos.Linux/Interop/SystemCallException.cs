namespace Zos.Linux.Interop;

/// <summary>
/// A failed system call, named by what was attempted: "create namespace zt1: File exists (EEXIST)".
/// </summary>
public sealed class SystemCallException : Exception
{
    /// <summary>Creates the exception for <paramref name="operation"/> and the errno it failed with.</summary>
    public SystemCallException(string operation, int errno)
        : base($"{operation}: {LibC.Describe(errno)}")
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>What was attempted, on which object.</summary>
    public string Operation { get; }

    /// <summary>The errno.</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name, or null.</summary>
    public string? ErrnoName => LibC.ErrnoName(Errno);
}
