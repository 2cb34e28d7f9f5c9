namespace Zos.Image.Modules;

/// <summary>Module names as modprobe compares them: file name without ".ko", '-' read as '_' (kmod's modname_normalize).</summary>
public static class ModuleName
{
    public static string Normalize(string name) => name.Replace('-', '_');

    /// <summary>"kernel/net/bridge/bridge.ko" → "bridge".</summary>
    public static string FromPath(string path)
    {
        var file = path[(path.LastIndexOf('/') + 1)..];
        var dot = file.IndexOf(".ko", StringComparison.Ordinal);
        return Normalize(dot < 0 ? file : file[..dot]);
    }
}
