using System.Data.Common;
using Zos.Client;
using Zos.Registry;

namespace Zos.Cli.Commands;

/// <summary>
/// `zos registry serve`'s failures at start, as the operator can act on them: the data directory it cannot write, a
/// --postgres string that is not one or a PostgreSQL that does not answer, a port already taken, a URL that is not one.
/// The connection string is never printed (it may hold a password); its host and port are.
/// </summary>
internal static class RegistryServeChecks
{
    private const string PostgresExample = "Host=127.0.0.1;Port=5432;Username=zos;Password=...;Database=zos";

    /// <summary>What can be found wrong before anything starts.</summary>
    public static CommandFailure? Problem(RegistryOptions options)
    {
        if (options.PostgresConnectionString is { } pg)
        {
            try
            {
                _ = new DbConnectionStringBuilder { ConnectionString = pg };
            }
            catch (ArgumentException e)
            {
                return new(ExitCodes.Usage, $"--postgres: not a connection string ({e.Message.TrimEnd('.')}); the value is not shown, it may hold a password. Expected: {PostgresExample}");
            }
        }
        // A signing key made on first start is written beside where it is named.
        if (options.SigningKeyFile is { } key && !File.Exists(key)
            && WritableDirectoryProblem("--signing-key", Path.GetDirectoryName(Path.GetFullPath(key))!) is { } keyProblem)
            return keyProblem with { Message = $"--signing-key {key}: no such key, and it cannot be created there: {keyProblem.Message}" };
        // SQLite keeps its database there, and the signing key goes there unless --signing-key names a file.
        if (options.PostgresConnectionString is null || options.SigningKeyFile is null)
            return WritableDirectoryProblem("--data", options.DataDirectory);
        return null;
    }

    /// <summary>A failure of building or starting the registry in the operator's words, or null when it is not one of those.</summary>
    public static CommandFailure? Explain(Exception e, RegistryOptions options) => e switch
    {
        InsecureKeyFileException => new(ExitCodes.Failed, e.Message),
        DbException db when options.PostgresConnectionString is { } pg => Postgres(db, pg),
        ArgumentException when options.PostgresConnectionString is not null && !e.Message.StartsWith("--", StringComparison.Ordinal) =>
            new(ExitCodes.Usage, $"--postgres: {CliMessages.Reason(e)}; the value is not shown, it may hold a password. Expected: {PostgresExample}"),
        ArgumentException => new(ExitCodes.Usage, CliMessages.Reason(e)),
        IOException when FindInner<System.Net.Sockets.SocketException>(e) is { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } =>
            new(ExitCodes.Unreachable, $"--urls {options.Urls}: the address is already in use; stop what listens there (ss -ltnp shows it) or choose another port"),
        IOException when FindInner<System.Net.Sockets.SocketException>(e) is { } socket =>
            new(ExitCodes.Unreachable, $"--urls {options.Urls}: cannot listen there ({socket.Message}); use an address of this machine"),
        FormatException or UriFormatException => new(ExitCodes.Usage, $"--urls '{options.Urls}': {e.Message.TrimEnd('.')}; expected e.g. http://127.0.0.1:8080 (several separated by ;)"),
        InvalidDataException => new(ExitCodes.Invalid, e.Message),
        UnauthorizedAccessException or IOException => new(ExitCodes.Failed, $"{e.Message.TrimEnd('.')}; check the paths of --data, --signing-key, --tls-cert and --tls-key"),
        _ => null,
    };

    /// <summary>Creates <paramref name="directory"/> and writes a probe file in it: the message names the option, the path and the cause.</summary>
    public static CommandFailure? WritableDirectoryProblem(string option, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".zos-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(ExitCodes.Failed, $"{option} {directory}: cannot create or write this directory ({e.Message.TrimEnd('.')}); choose one this user can write");
        }
    }

    private static CommandFailure Postgres(DbException e, string connectionString)
    {
        var where = HostAndPort(connectionString);
        // No SQL state: nothing answered (refused, timed out, no such host); with one, the server answered and refused.
        return e.SqlState is null
            ? new(ExitCodes.Unreachable, $"--postgres: cannot connect to PostgreSQL at {where} ({Flatten(e)}); start PostgreSQL there or fix Host/Port in --postgres")
            : new(ExitCodes.Failed, $"--postgres: PostgreSQL at {where} refused: {Flatten(e)}; fix Username/Password/Database in --postgres or the server's pg_hba.conf");
    }

    private static string HostAndPort(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var host = builder.TryGetValue("Host", out var h) ? h?.ToString() : builder.TryGetValue("Server", out var s) ? s?.ToString() : null;
        var port = builder.TryGetValue("Port", out var p) ? p?.ToString() : "5432";
        return $"{host ?? "localhost"}:{port}";
    }

    private static string Flatten(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            var m = x.Message.TrimEnd('.');
            if (!messages.Contains(m))
                messages.Add(m);
        }
        return string.Join(": ", messages);
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is T found)
                return found;
        }
        return null;
    }
}
