using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Zos.Core.Contracts;

namespace Zos.Core.Bringup;

/// <summary>
/// The format of the node's status file (state dir/status.json): camelCase, enums as camelCase strings.
/// One definition for its writer (the node daemon) and its readers (`zos node status`, the lab).
/// </summary>
public static class BringupStatusJson
{
    /// <summary>The options (source-generated metadata for <see cref="BringupStatus"/>; other types fall back to reflection).</summary>
    public static JsonSerializerOptions Options { get; } = new(BringupStatusJsonContext.Default.Options)
    {
        TypeInfoResolver = ContractJson.ReflectionEnabled
            ? JsonTypeInfoResolver.Combine(BringupStatusJsonContext.Default, new DefaultJsonTypeInfoResolver())
            : BringupStatusJsonContext.Default,
    };

    /// <summary>The status document's metadata: reading and writing with it needs no reflection.</summary>
    public static JsonTypeInfo<BringupStatus> TypeInfo => BringupStatusJsonContext.Default.BringupStatus;

    public static string Serialize(BringupStatus status) => JsonSerializer.Serialize(status, BringupStatusJsonContext.Default.BringupStatus);

    /// <summary>The status, or null when the text is not a status document.</summary>
    public static BringupStatus? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, BringupStatusJsonContext.Default.BringupStatus);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
