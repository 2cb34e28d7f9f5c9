using Zos.Linux.Processes;

namespace Zos.Node.Linux;

/// <summary>Where a program name leads on this machine, for <see cref="HelperPrograms.Problems"/>.</summary>
public static class ProgramLookup
{
    /// <summary>The file <paramref name="program"/> runs (PATH as Zos.Linux searches it, links followed), or null.</summary>
    public static string? Resolve(string program)
    {
        var path = ExecutableLookup.Find(program);
        if (path is null)
            return null;
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
