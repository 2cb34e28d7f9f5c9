namespace Zos.Core.Bringup;

/// <summary>What to do with the <c>zos</c> setup found at daemon start.</summary>
public enum ZosSetupVerdict
{
    /// <summary>Nothing there: a fresh bring-up (probe all NICs).</summary>
    Absent,

    /// <summary>A working setup: keep it untouched (no probe, no bridge re-creation, the lease stays).</summary>
    Healthy,

    /// <summary>A bridge from an interrupted bring-up: apply the repair actions, keep what is right.</summary>
    HalfDone,
}
