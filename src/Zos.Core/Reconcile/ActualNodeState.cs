namespace Zos.Core.Reconcile;

/// <summary>The node-wide kernel state a pass reads: whether ndmz is complete, and every network resource found (by n-&lt;netid&gt; namespace or b-&lt;netid&gt; bridge).</summary>
public sealed record ActualNodeState(bool NdmzReady, IReadOnlyList<ActualResource> Resources)
{
    public static ActualNodeState Empty { get; } = new(false, []);

    public ActualResource? Find(string netId) => Resources.FirstOrDefault(r => r.NetId == netId);
}
