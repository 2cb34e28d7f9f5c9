using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Core.Image;

/// <summary>manifest.json's serializer (source-generated, camelCase, indented, so diffs of two manifests read well).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ImageManifest))]
public sealed partial class ImageManifestJson : JsonSerializerContext
{
    public static string Serialize(ImageManifest manifest) => JsonSerializer.Serialize(manifest, Default.ImageManifest) + "\n";

    /// <summary>The manifest in <paramref name="text"/>; throws <see cref="InvalidDataException"/> naming <paramref name="source"/>.</summary>
    public static ImageManifest Parse(string text, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(text, Default.ImageManifest) ?? throw new InvalidDataException($"{source}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a Zos image manifest: {e.Message}", e);
        }
    }
}
