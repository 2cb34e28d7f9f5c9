using System.Text.Json;
using System.Text.Json.Serialization;
using Zos.Core.Contracts;
using Zos.Core.Public;

namespace Zos.Registry.Cockpit;

/// <summary>
/// The farm snapshot's JSON, source-generated with the contract settings (<see cref="ContractJson"/>: camelCase, enums as
/// camelCase strings, nulls omitted), so a registry's first farm page pays no reflection warm-up: with the reflection
/// serializer, the first 500-node answer spent 70-170 ms building serializers on a loaded 2-core machine.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CamelCaseEnumConverter<NodeStatus>), typeof(CamelCaseEnumConverter<PublicUplinkKind>), typeof(CamelCaseEnumConverter<EnrollmentState>)])]
[JsonSerializable(typeof(FarmOverview))]
internal sealed partial class CockpitJsonContext : JsonSerializerContext;
