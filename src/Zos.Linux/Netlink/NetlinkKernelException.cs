using Zos.Linux.Interop;

namespace Zos.Linux.Netlink;

/// <summary>
/// The kernel refused a request: carries the operation and object ("create bridge zos"), the errno and the
/// extended-ack text (NLMSGERR_ATTR_MSG) when the kernel gave one.
/// </summary>
public sealed class NetlinkKernelException : NetlinkException
{
    /// <summary>Creates the exception; the message reads "create bridge zos: File exists (EEXIST)[: kernel text]".</summary>
    public NetlinkKernelException(string operation, int errno, string? kernelMessage)
        : base(Format(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    /// <summary>What was attempted, on which object, e.g. "create bridge zos".</summary>
    public string Operation { get; }

    /// <summary>The positive errno the kernel returned (17 for EEXIST).</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name ("EEXIST"), or null for an uncommon value.</summary>
    public string? ErrnoName => LibC.ErrnoName(Errno);

    /// <summary>The kernel's extended-ack message, or null.</summary>
    public string? KernelMessage { get; }

    /// <summary>The object already exists (EEXIST).</summary>
    public bool IsAlreadyExists => Errno == LibC.EEXIST;

    /// <summary>The object does not exist (ENODEV for links, EADDRNOTAVAIL for addresses, ESRCH/ENOENT for routes).</summary>
    public bool IsNotFound => Errno is LibC.ENODEV or LibC.EADDRNOTAVAIL or LibC.ESRCH or LibC.ENOENT;

    private static string Format(string operation, int errno, string? kernelMessage) =>
        string.IsNullOrEmpty(kernelMessage)
            ? $"{operation}: {LibC.Describe(errno)}"
            : $"{operation}: {LibC.Describe(errno)}: {kernelMessage}";
}
