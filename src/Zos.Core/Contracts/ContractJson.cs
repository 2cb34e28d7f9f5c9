using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Core.Contracts;

/// <summary>The JSON settings of the wire contracts: web defaults (camelCase, case-insensitive read), enums as camelCase strings, nulls omitted.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the contract settings to <paramref name="options"/> (used by the registry's HTTP JSON options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
