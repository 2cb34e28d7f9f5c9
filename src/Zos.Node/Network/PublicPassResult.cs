using Zos.Core.Contracts;
using Zos.Core.Public;

namespace Zos.Node.Network;

/// <summary>
/// What <see cref="PublicConfigApplier"/> left: the config the <c>public</c> namespace holds (null: none, the WireGuard
/// sockets live in the host namespace), br-pub's uplink, what it did, and why the desired config is not applied (null when it is).
/// </summary>
public sealed record PublicPassResult(PublicConfig? Applied, PublicUplinkChoice? Uplink, PublicConfigActionKind Action, string? Error);
