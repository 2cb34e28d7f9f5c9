using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>
/// The outcome of reading a farm file: the farm (null only when the text is not YAML/JSON at all), every problem
/// found while reading (with lines), and the line of each field path so later checks can point at lines too.
/// </summary>
public sealed record FarmParseResult(FarmDefinition? Farm, IReadOnlyList<ValidationError> Errors, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>The text could not be read as YAML or JSON (syntax error): nothing else can be checked.</summary>
    public bool IsUnreadable => Farm is null;

    /// <summary>The line of <paramref name="path"/> or of its nearest parent that has one.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (Lines.TryGetValue(p, out var line))
                return line;
        }
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
