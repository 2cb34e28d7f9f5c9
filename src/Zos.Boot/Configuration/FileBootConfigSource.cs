namespace Zos.Boot.Configuration;

/// <summary>The boot configuration from a local YAML or JSON file (the boot server run alone, or the lab).</summary>
public sealed class FileBootConfigSource(string path, BootServerDefaults? defaults = null) : IBootConfigSource
{
    public string Description => path;

    public async Task<BootConfiguration> LoadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootConfigurationException($"{path}: cannot read the boot configuration: {e.Message}", e);
        }
        return BootConfigurationParser.Parse(text, path, defaults);
    }
}
