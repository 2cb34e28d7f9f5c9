using Zos.Core.Public;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

/// <summary>br-pub and the public namespace in memory: what was applied is kept, nothing is refused.</summary>
internal sealed class FakePublicNamespace : IPublicNamespace
{
    public bool Exists { get; private set; }

    public void EnsureBridge(PublicUplinkChoice choice)
    {
    }

    public Task ApplyAsync(PublicSetup? setup, CancellationToken ct)
    {
        Exists = setup is not null;
        return Task.CompletedTask;
    }
}
