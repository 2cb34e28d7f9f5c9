using Npgsql;
using Zos.Testing;
using Xunit;

namespace Zos.Registry.Tests.Support;

/// <summary>
/// A fresh PostgreSQL schema for one test (from ZOS_TEST_POSTGRES, set by scripts/start-postgres.sh through the test
/// run). Without it the test is skipped locally and fails under ZOS_REQUIRE_PRIVILEGED=1.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresDatabase(string admin, string schema)
    {
        _admin = admin;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ToString();
    }

    public string Schema { get; }

    public string ConnectionString { get; }

    /// <summary>The server's connection string, or skip/fail as <see cref="Require.Strict"/> says.</summary>
    public static string RequireServer()
    {
        var cs = Environment.GetEnvironmentVariable("ZOS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(cs))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(cs);
            }
            catch (ArgumentException e)
            {
                Assert.Fail($"ZOS_TEST_POSTGRES is not a connection string ({e.Message}): \"{cs}\"");
            }

            return cs;
        }
        Require.Missing("PostgreSQL: ZOS_TEST_POSTGRES is not set (run scripts/start-postgres.sh and export its output)");
        return "";
    }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = RequireServer();
        var db = new PostgresDatabase(admin, TestNames.New("pg"));
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE SCHEMA \"{db.Schema}\"", c);
        await cmd.ExecuteNonQueryAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
