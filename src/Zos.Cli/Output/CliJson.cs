using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Cli.Output;

/// <summary>The JSON zos prints for scripts: camelCase, indented, enums as camelCase strings, nulls left out; stdout only.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>--json: the option every command that prints data takes.</summary>
    public static Option<bool> Option(string what = "Print JSON (camelCase) on stdout instead of text") => new("--json") { Description = what };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
