using Zos.Core.Contracts;
using Zos.Core.Reconcile.Operations;

namespace Zos.Node.Network;

/// <summary>What one pass did: the operations carried out, and the node report to send (keys, ports, handshakes, errors).</summary>
public sealed record ReconcilePassResult(IReadOnlyList<ReconcileOperation> Operations, NodeReport Report);
