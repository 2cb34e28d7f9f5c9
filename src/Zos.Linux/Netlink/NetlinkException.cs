namespace Zos.Linux.Netlink;

/// <summary>Base of the errors raised by the netlink layer: kernel refusals and malformed messages.</summary>
public class NetlinkException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public NetlinkException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public NetlinkException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
