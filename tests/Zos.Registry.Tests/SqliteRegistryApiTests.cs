using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests;

/// <summary>The API suite on SQLite.</summary>
public sealed class SqliteRegistryApiTests : RegistryApiTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}
