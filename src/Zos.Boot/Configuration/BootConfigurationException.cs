using Zos.Core.Validation;

namespace Zos.Boot.Configuration;

/// <summary>A boot configuration that cannot be used, with every problem found (each naming its field and value).</summary>
public sealed class BootConfigurationException : Exception
{
    public BootConfigurationException(string source, IReadOnlyList<ValidationError> errors)
        : base($"{source}: {string.Join("; ", errors)}")
    {
        Source = source;
        Errors = errors;
    }

    public BootConfigurationException()
    {
        Errors = [];
    }

    public BootConfigurationException(string message) : base(message)
    {
        Errors = [];
    }

    public BootConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}
