namespace Zos.Core.Bringup;

/// <summary>A <see cref="RepairKind"/> and the link it applies to (null for the bridge itself).</summary>
public sealed record RepairAction(RepairKind Kind, string? Link = null)
{
    public override string ToString() => Link is null ? Kind.ToString() : $"{Kind}({Link})";
}
