using Zos.Boot.Configuration;

namespace Zos.Boot.Tests.Qemu;

internal sealed class StaticBootConfigSource(BootConfiguration configuration) : IBootConfigSource
{
    public string Description => "test";

    public Task<BootConfiguration> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(configuration);
}
