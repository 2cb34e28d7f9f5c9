using Zos.Client;
using Zos.Core.Contracts;
using Zos.Linux.Files;

namespace Zos.Node.Registration;

/// <summary>
/// The registry key the node pinned on first contact (trust on first use), kept in the state directory as base64 text
/// (<see cref="DurableFile"/>: a power cut leaves the old pin or the new, never half of one). A file that does not hold a
/// key is reported by <see cref="Problem"/> and treated as no pin, so the node pins again rather than trusting nothing forever.
/// </summary>
public sealed class RegistryKeyPinFile(string path) : IRegistryKeyPin
{
    public const string FileName = "registry-key.pub";

    public string Path { get; } = path;

    /// <summary>Why the file could not be used as a pin, or null.</summary>
    public string? Problem { get; private set; }

    public byte[]? Load()
    {
        string text;
        try
        {
            if (!File.Exists(Path))
                return null;
            text = File.ReadAllText(Path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem = $"{Path}: cannot read the pinned registry key: {e.Message}; pinning the next registry key again";
            return null;
        }
        if (ResponseSigning.TryParseKey(text, out var key))
            return key;
        Problem = $"{Path} holds '{(text.Length > 60 ? text[..60] + "..." : text)}', not a base64 Ed25519 key; pinning the next registry key again";
        return null;
    }

    public void Save(byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var text = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(publicKey) + "\n");
        DurableFile.Replace(Path, s => s.Write(text), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
