using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Node.Network;

/// <summary>
/// The public config the <c>public</c> namespace holds, kept in the state directory (the original's
/// <c>public-config.json</c>, reference §3.1) so a restart neither re-probes an unchanged config nor offers endpoints
/// of a config it never applied. Written to a temporary file, flushed and renamed; removed with the namespace.
/// A damaged file counts as "nothing applied": the next pass applies the desired config again.
/// </summary>
public sealed class AppliedPublicConfigStore(string path)
{
    public const string FileName = "public-config.json";

    public string Path { get; } = path;

    public PublicConfig? Load()
    {
        if (!File.Exists(Path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), ContractJson.TypeInfo<PublicConfig>());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="config"/>, or deletes the file when it is null (no public config).</summary>
    public void Save(PublicConfig? config)
    {
        if (config is null)
        {
            File.Delete(Path);
            return;
        }
        Zos.Linux.Files.DurableFile.Replace(Path, stream => JsonSerializer.Serialize(stream, config, ContractJson.TypeInfo<PublicConfig>()));
    }
}
