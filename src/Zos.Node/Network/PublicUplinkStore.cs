using System.Text.Json;
using Zos.Core.Contracts;
using Zos.Core.Public;

namespace Zos.Node.Network;

/// <summary>
/// Keeps br-pub's uplink choice in the state directory, so a restart wires the same NIC without re-detecting
/// (the original re-detects on every boot and forgets <c>set_public_nic</c>, zos#1872). Written to a temporary file,
/// flushed and renamed; a corrupt file counts as "no choice" (detection runs again) and is reported by the caller.
/// </summary>
public sealed class PublicUplinkStore(string path)
{
    public const string FileName = "public-uplink.json";

    public string Path { get; } = path;

    /// <summary>The kept choice, or null when none was kept or the file cannot be read as one.</summary>
    public PublicUplinkChoice? Load()
    {
        if (!File.Exists(Path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), ContractJson.TypeInfo<PublicUplinkChoice>());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(PublicUplinkChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        Zos.Linux.Files.DurableFile.Replace(Path, stream => JsonSerializer.Serialize(stream, choice, ContractJson.TypeInfo<PublicUplinkChoice>()));
    }
}
