using Zos.Core.Reconcile.Operations;

namespace Zos.Node.Network;

/// <summary>
/// A fault a test makes the daemon suffer on purpose (crash-convergence tests). The daemon composes one only when its
/// command line asks for it explicitly (<see cref="KillBeforeOperation.Option"/>), and never on a node that runs the
/// machine it is on; a <see cref="ReconcilePass"/> without one has no such hook.
/// </summary>
public interface IFaultInjector
{
    /// <summary>Called before each kernel operation a pass carries out.</summary>
    void BeforeOperation(ReconcileOperation operation);
}
