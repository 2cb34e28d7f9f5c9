namespace Zos.Lab.Runtime;

/// <summary>How to run this very `zos` (e.g. "dotnet /path/zos.dll"), so the lab starts the real daemons.</summary>
public sealed record ZosCommand(string Program, IReadOnlyList<string> Prefix)
{
    public IReadOnlyList<string> Arguments(params string[] args) => [.. Prefix, .. args];
}
