using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Registry.Cockpit;

/// <summary>An enum as its camelCase name, as <see cref="Zos.Core.Contracts.ContractJson"/> writes it; a type a source-generated context can name.</summary>
internal sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase)
    where T : struct, Enum;
