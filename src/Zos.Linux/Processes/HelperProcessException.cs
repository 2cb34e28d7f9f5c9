namespace Zos.Linux.Processes;

/// <summary>A helper program could not be started, failed, or did not finish in time. The message names the program and namespace.</summary>
public sealed class HelperProcessException : Exception
{
    /// <summary>Creates the exception with a message naming the program and namespace.</summary>
    public HelperProcessException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public HelperProcessException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message (serialization convention).</summary>
    public HelperProcessException() { }
}
