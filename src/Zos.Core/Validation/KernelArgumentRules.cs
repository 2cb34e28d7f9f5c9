using Zos.Core.Cmdline;

namespace Zos.Core.Validation;

/// <summary>
/// Kernel arguments a farm hands its nodes (boot profile, per-MAC extras), judged the same way by <c>zos farm check</c>
/// and the registry: one line of at most <see cref="MaxLength"/> characters, and every parameter the node reads
/// (farmer_id, runmode, vlan:priv, vlan:pub, pub:mac, zos-registry, ...) well formed, as the node's own parser
/// (<see cref="BootParametersParser"/>) would find it: a value the node would reject is refused before any node boots.
/// </summary>
public static class KernelArgumentRules
{
    public const int MaxLength = 512;

    public static void Check(string? args, string path, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(args))
            return;
        if (args.Length > MaxLength)
        {
            errors.Add(new ValidationError(path, $"is {args.Length} characters long; at most {MaxLength} are allowed"));
            return;
        }
        if (args.Any(char.IsControl))
        {
            errors.Add(new ValidationError(path, $"'{args.ReplaceLineEndings(" ")}' contains a control character; kernel arguments are one line"));
            return;
        }
        foreach (var e in BootParametersParser.Parse(args).Errors)
            errors.Add(new ValidationError(path, e.Message, e.Severity));
    }
}
