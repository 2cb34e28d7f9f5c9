namespace Zos.Core.Bringup;

/// <summary>The assessment of the setup found at start: verdict, the NIC kept (if any), the repairs, and why.</summary>
public sealed record ZosSetupPlan(ZosSetupVerdict Verdict, string? KeptNic, IReadOnlyList<RepairAction> Actions, string Reason)
{
    public bool Equals(ZosSetupPlan? other) =>
        other is not null && Verdict == other.Verdict && KeptNic == other.KeptNic && Actions.SequenceEqual(other.Actions) && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(Verdict, KeptNic, Actions.Count, Reason);
}
