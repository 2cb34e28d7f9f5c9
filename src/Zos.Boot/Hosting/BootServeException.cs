namespace Zos.Boot.Hosting;

/// <summary>`zos boot serve` could not serve; the message names the option, file or step.</summary>
public sealed class BootServeException : Exception
{
    public BootServeException(BootServeFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    public BootServeException()
    {
    }

    public BootServeException(string message) : base(message)
    {
    }

    public BootServeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Which kind of failure it is (<see cref="BootServeFailure.Failed"/> unless said otherwise).</summary>
    public BootServeFailure Failure { get; } = BootServeFailure.Failed;
}
