using System.Text.Json;
using Zos.Core.Contracts;

namespace Zos.Node.Network;

/// <summary>Reads and writes <see cref="NetworkStatus"/> atomically (temp file + rename), like the bring-up status.</summary>
public sealed class NetworkStatusFile(string path)
{
    public const string FileName = "network-status.json";

    public string Path { get; } = path;

    /// <summary>Writes the status; an unwritable state directory is reported to <paramref name="onError"/>, never thrown.</summary>
    public void Write(NetworkStatus status, Action<string> onError)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(onError);
        try
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            Directory.CreateDirectory(dir);
            var temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(Path)}.tmp");
            File.WriteAllText(temp, JsonSerializer.Serialize(status, ContractJson.TypeInfo<NetworkStatus>()));
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError($"cannot write the network status file {Path}: {e.Message}");
        }
    }

    /// <summary>The status, or null when the file does not exist yet; a damaged file is an error naming it.</summary>
    public NetworkStatus? Read()
    {
        if (!File.Exists(Path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), ContractJson.TypeInfo<NetworkStatus>())
                   ?? throw new InvalidDataException($"the network status file {Path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the network status file {Path} is not valid: {e.Message}", e);
        }
    }
}
