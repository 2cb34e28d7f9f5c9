using Zos.Core.Cmdline;
using Zos.Core.Contracts;

namespace Zos.Boot.Configuration;

/// <summary>
/// Reads a farm enrollment token (<c>zos farm token create</c>'s secret) from a file, so the secret is neither on the
/// command line of the boot server (visible in ps) nor in a shell history. The file holds the token alone; spaces and
/// line breaks around it are ignored.
/// </summary>
public static class FarmTokenFile
{
    /// <summary>The token, or null with <paramref name="problem"/> naming the option, the file and what is wrong (never the content).</summary>
    public static string? Read(string option, string path, out string? problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{option}: cannot read '{path}': {e.Message}";
            return null;
        }
        problem = Problem(text) is { } why ? $"{option}: '{path}' {why}" : null;
        return problem is null ? text : null;
    }

    /// <summary>Why <paramref name="token"/> cannot be a farm enrollment token, or null when it can.</summary>
    public static string? Problem(string token) => FarmEnrollmentToken.IsWellFormed(token)
        ? null
        : $"does not hold a farm enrollment token ('{FarmEnrollmentToken.Prefix}' and {FarmEnrollmentToken.EncodedLength} base64url characters, " +
          "as `zos farm token create` prints it)";

    /// <summary>The kernel argument that carries <paramref name="token"/> to the node.</summary>
    public static string Argument(string token) => $"{BootParameters.FarmTokenKey}={token}";
}
