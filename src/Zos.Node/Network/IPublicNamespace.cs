using Zos.Core.Public;

namespace Zos.Node.Network;

/// <summary>
/// The public part's port to the kernel: br-pub and the <c>public</c> namespace. <see cref="PublicNamespaceApplier"/> is
/// the real one; tests give a fake, so <see cref="PublicConfigApplier"/> and the reconcile loop run without root.
/// </summary>
public interface IPublicNamespace
{
    /// <summary>True when the <c>public</c> namespace exists now.</summary>
    bool Exists { get; }

    /// <summary>Creates br-pub if missing and makes <paramref name="choice"/> its only uplink.</summary>
    void EnsureBridge(PublicUplinkChoice choice);

    /// <summary>Applies <paramref name="setup"/> (null: no public config, the namespace is removed); throws naming what was refused.</summary>
    Task ApplyAsync(PublicSetup? setup, CancellationToken ct);
}
