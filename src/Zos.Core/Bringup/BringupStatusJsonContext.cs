using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zos.Core.Bringup;

/// <summary>
/// Compile-time JSON metadata for the status file: the daemon writes it on every change from its first
/// milliseconds on, and reflection-based serialization cost ~0.7 s of JIT on a loaded 2-vCPU machine before
/// the first write (measured with the bring-up benchmark).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    Converters = [typeof(CamelCaseEnumConverter<BringupPhase>), typeof(CamelCaseEnumConverter<AddressFamilyChoice>)])]
[JsonSerializable(typeof(BringupStatus))]
internal sealed partial class BringupStatusJsonContext : JsonSerializerContext;
