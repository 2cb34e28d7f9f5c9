using System.Text.Json;

namespace Zos.Lab.Runtime;

/// <summary>Reads and writes <see cref="LabState"/> atomically (temp file + rename), so a crash never leaves half a file.</summary>
public sealed class LabStateStore(LabPaths paths)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public LabState? Load()
    {
        if (!File.Exists(paths.StateFile))
            return null;
        try
        {
            return JsonSerializer.Deserialize<LabState>(File.ReadAllText(paths.StateFile), s_json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the lab state file {paths.StateFile} is damaged ({e.Message}); `zos lab down` still removes everything named zl-*", e);
        }
    }

    public void Save(LabState state)
    {
        Directory.CreateDirectory(paths.Root);
        var temp = paths.StateFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, s_json));
        File.Move(temp, paths.StateFile, overwrite: true);
    }
}
