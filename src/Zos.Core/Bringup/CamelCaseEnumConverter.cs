using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Core.Bringup;

/// <summary>Enums as camelCase strings ("waitingToRetry"), usable from source-generated JSON options (which need a parameterless converter).</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
