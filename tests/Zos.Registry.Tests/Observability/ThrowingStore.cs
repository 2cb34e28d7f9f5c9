using System.Reflection;
using Zos.Registry.Storage;

namespace Zos.Registry.Tests.Observability;

/// <summary>A store whose every call fails as a PostgreSQL server gone away would (for /healthz and /metrics).</summary>
public class ThrowingStore : DispatchProxy
{
    public const string Failure = "connection refused (test store)";

    public static IRegistryStore Create() => Create<IRegistryStore, ThrowingStore>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new IOException(Failure);
}
