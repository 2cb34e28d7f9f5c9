namespace Zos.Linux.WireGuard;

/// <summary>A WireGuard device could not be created, reached or configured. The message names the device.</summary>
public sealed class WireGuardException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WireGuardException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public WireGuardException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public WireGuardException() { }
}
