using Xunit;

namespace Zos.Registry.Tests.Support;

/// <summary>A test class with its own in-process registry on <see cref="Kind"/>, started before each test and disposed after.</summary>
public abstract class RegistryTestBase : IAsyncLifetime
{
    private TestRegistry? _registry;

    protected abstract StoreKind Kind { get; }

    protected TestRegistry R => _registry ?? throw new InvalidOperationException("the registry is not started yet");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _registry = await TestRegistry.StartAsync(Kind);

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
