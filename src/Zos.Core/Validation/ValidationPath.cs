using System.Globalization;

namespace Zos.Core.Validation;

/// <summary>Builds the dotted paths of <see cref="ValidationError"/> ("nodes[2].nics[0].mac").</summary>
public static class ValidationPath
{
    public static string Field(string prefix, string name) => string.IsNullOrEmpty(prefix) ? name : prefix + "." + name;

    public static string Index(string prefix, int index) => prefix + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
