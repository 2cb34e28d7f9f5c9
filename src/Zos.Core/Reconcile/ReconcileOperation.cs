namespace Zos.Core.Reconcile;

/// <summary>One ordered step of a pass: what, on which network, on which link, with which value (an address, a route, a port).</summary>
public sealed record ReconcileOperation(ReconcileOperationKind Kind, string NetId, string? Link = null, string? Value = null)
{
    public override string ToString() =>
        $"{Kind} {NetId}{(Link is null ? "" : " " + Link)}{(Value is null ? "" : " " + Value)}";
}
