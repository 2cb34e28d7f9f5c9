namespace Zos.Boot.Configuration;

/// <summary>Where the boot server gets the farm's boot configuration (a local file, or the registry).</summary>
public interface IBootConfigSource
{
    /// <summary>A human-readable origin for messages ("/etc/zos/boot.yaml", "registry farm 42").</summary>
    string Description { get; }

    /// <summary>Loads and validates; throws <see cref="BootConfigurationException"/> listing every problem.</summary>
    Task<BootConfiguration> LoadAsync(CancellationToken cancellationToken);
}
