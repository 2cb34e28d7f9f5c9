namespace Zos.Linux.Netlink;

/// <summary>
/// Bytes that are not a well-formed netlink message: a length field that lies (shorter than its header, longer than
/// the bytes received) or a fixed-size attribute with the wrong size. Raised by the codec instead of an
/// out-of-range access.
/// </summary>
public sealed class NetlinkFormatException : NetlinkException
{
    /// <summary>Creates the exception with a description of what is malformed.</summary>
    public NetlinkFormatException(string message) : base(message)
    {
    }
}
