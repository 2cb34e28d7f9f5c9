namespace Zos.Lab.Runtime;

/// <summary>Where the lab keeps its files: state, logs, the registry's data and each node's state directory.</summary>
public sealed record LabPaths(string Root)
{
    /// <summary>/var/lib/zos-lab, or $ZOS_LAB_DIR (tests).</summary>
    public static LabPaths Default => new(Environment.GetEnvironmentVariable("ZOS_LAB_DIR") is { Length: > 0 } dir ? dir : "/var/lib/zos-lab");

    public string StateFile => Path.Combine(Root, "state.json");

    public string Logs => Path.Combine(Root, "logs");

    public string RegistryData => Path.Combine(Root, "registry");

    public string AccountKey => Path.Combine(Root, "farmer.key");

    public string NodeDirectory(string nodeNamespace) => Path.Combine(Root, "nodes", nodeNamespace);

    public string FarmDirectory(string farm) => Path.Combine(Root, "farms", farm);

    public string Log(string name) => Path.Combine(Logs, name + ".log");
}
