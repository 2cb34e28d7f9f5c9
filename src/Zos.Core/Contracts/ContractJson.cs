using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Zos.Core.Contracts;

/// <summary>The JSON settings of the wire contracts: web defaults (camelCase, case-insensitive read), enums as camelCase strings, nulls omitted.</summary>
public static class ContractJson
{
    /// <summary>
    /// The contract options. Metadata comes from <see cref="ContractJsonContext"/>; where reflection is on (every host
    /// but the Native AOT zos-node) types the context does not list fall back to reflection, enums included.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>: serializing with it needs no reflection.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Applies the contract settings to <paramref name="options"/> (used by the registry's HTTP JSON options).</summary>
    [RequiresDynamicCode("enums of any type become strings through a converter made at run time")]
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>
    /// System.Text.Json's own switch (false in a Native AOT build), declared again as a guard the trim and AOT
    /// analyzers understand, so the reflection fallback is compiled out of zos-node instead of warned about.
    /// </summary>
    [FeatureSwitchDefinition("System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault")]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
#pragma warning disable IL4000 // the analyzers cannot see that this switch is off wherever trimming or AOT is on; PublishAot sets it so
    internal static bool ReflectionEnabled => JsonSerializer.IsReflectionEnabledByDefault;
#pragma warning restore IL4000

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(ContractJsonContext.Default.Options);
        if (ReflectionEnabled)
        {
            o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJsonContext.Default, new DefaultJsonTypeInfoResolver());
        }
        else
        {
            o.TypeInfoResolver = ContractJsonContext.Default;
        }
        o.MakeReadOnly();
        return o;
    }
}
