using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests;

/// <summary>The API suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
public sealed class PostgresRegistryApiTests : RegistryApiTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
