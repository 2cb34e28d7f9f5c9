using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Core.Bringup;

/// <summary>
/// The format of the node's status file (state dir/status.json): camelCase, enums as camelCase strings.
/// One definition for its writer (the node daemon) and its readers (`zos node status`, the lab).
/// </summary>
public static class BringupStatusJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(BringupStatus status) => JsonSerializer.Serialize(status, Options);

    /// <summary>The status, or null when the text is not a status document.</summary>
    public static BringupStatus? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<BringupStatus>(text, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
