namespace Zos.Core.Public;

/// <summary>What the network phase does with the <c>public</c> namespace before a reconcile pass.</summary>
public enum PublicConfigActionKind
{
    /// <summary>The namespace already holds the desired config (or neither exists): nothing to do.</summary>
    None,
    /// <summary>Check the gateways from a test interface, then create or change the namespace.</summary>
    Apply,
    /// <summary>No public config any more: remove the namespace (without a reboot, unlike the original, PR zos#1773).</summary>
    Remove,
    /// <summary>The config breaks a rule: refused before any kernel change, the previous state stays.</summary>
    Refuse,
    /// <summary>The same config was refused a short while ago (its gateway did not answer): not probed again yet.</summary>
    KeepRefused,
}
