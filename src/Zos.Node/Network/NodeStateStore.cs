using System.Text.Json;
using Zos.Core.Contracts;
using Zos.Core.Reconcile;

namespace Zos.Node.Network;

/// <summary>
/// Keeps <see cref="NodeNetworkState"/> in the state directory as JSON (mode 0600: it holds WireGuard private keys),
/// written to a temporary file, flushed and renamed over the old one so a crash leaves either version, never half.
/// </summary>
public sealed class NodeStateStore(string path)
{
    public string Path { get; } = path;

    public NodeNetworkState Load()
    {
        if (!File.Exists(Path))
            return NodeNetworkState.Empty;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), ContractJson.TypeInfo<NodeNetworkState>())
                ?? throw new InvalidDataException($"network state file {Path} holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"network state file {Path} is not valid JSON: {e.Message}", e);
        }
    }

    public void Save(NodeNetworkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Zos.Linux.Files.DurableFile.Replace(Path, stream => JsonSerializer.Serialize(stream, state, ContractJson.TypeInfo<NodeNetworkState>()),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
