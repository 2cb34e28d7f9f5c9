using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zos.Client;
using Zos.Registry;
using Zos.Registry.Signing;

namespace Zos.Cli.Commands;

/// <summary>`zos registry serve`: the registry API and the Cockpit.</summary>
internal static class RegistryCommands
{
    public static Command Serve()
    {
        var serve = new Command("serve", "Serve the registry API (/api/v1) and the Cockpit (/)");
        var data = new Option<string>("--data") { Description = "Directory of the SQLite database", DefaultValueFactory = _ => "registry-data" };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (instead of SQLite; several registries may share it)" };
        var heartbeat = new Option<int>("--heartbeat-interval") { Description = "Seconds between node heartbeats (status goes down after 3 missed)", DefaultValueFactory = _ => 60 };
        serve.Add(data);
        serve.Add(urls);
        serve.Add(postgres);
        var postgresFile = new Option<string?>("--postgres-file")
        {
            Description = "File holding the PostgreSQL connection string, so its password is not on the command line (or set ZOS_REGISTRY_POSTGRES)",
        };
        serve.Add(postgresFile);
        var fsync = new Option<bool>("--fsync-every-commit")
        {
            Description = "SQLite: fsync at every commit, so acknowledged writes also survive a power loss (slower); "
                + "without it they survive the death of the process",
        };
        var documentation = new Option<bool>("--allow-documentation-ranges")
        {
            Description = "Accept the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) as public "
                + "addresses, for labs and tests (zos lab sets it); refused by default, as zos farm check --strict does",
        };
        serve.Add(heartbeat);
        serve.Add(fsync);
        serve.Add(documentation);
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate (chain) to serve HTTPS with, on the https:// URLs of --urls (with --tls-key)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert" };
        var signingKey = new Option<string?>("--signing-key")
        {
            Description = "The registry's Ed25519 key that signs what nodes apply (created 0600 on first start; default: registry.key in --data). "
                + "Registries sharing one PostgreSQL must share it",
        };
        serve.Add(tlsCert);
        serve.Add(tlsKey);
        serve.Add(signingKey);
        serve.SetAction(async (parse, ct) =>
        {
            var error = Console.Error;
            var interval = parse.GetValue(heartbeat);
            var (postgresConnection, postgresProblem) = PostgresConnection(parse.GetValue(postgres), parse.GetValue(postgresFile));
            if (postgresProblem is not null)
                return CliMessages.Fail(error, ExitCodes.Usage, postgresProblem);
            if (parse.GetValue(fsync) && postgresConnection is not null)
                return CliMessages.Fail(error, ExitCodes.Usage, "--fsync-every-commit is for SQLite; PostgreSQL keeps its own synchronous_commit setting");
            if (interval < 1)
                return CliMessages.Fail(error, ExitCodes.Usage, $"--heartbeat-interval {interval} must be at least 1 second");
            var options = new RegistryOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls),
                PostgresConnectionString = postgresConnection,
                HeartbeatInterval = TimeSpan.FromSeconds(interval),
                SqliteFsyncEveryCommit = parse.GetValue(fsync),
                AllowDocumentationRanges = parse.GetValue(documentation),
                TlsCertificateFile = parse.GetValue(tlsCert),
                TlsKeyFile = parse.GetValue(tlsKey),
                SigningKeyFile = parse.GetValue(signingKey),
            };
            if (RegistryServeChecks.Problem(options) is { } problem)
                return CliMessages.Fail(error, problem.ExitCode, problem.Message);
            WebApplication app;
            try
            {
                // The host's own "Hosting failed to start" log carries a stack trace; the failure is reported below instead.
                app = await RegistryApp.BuildAsync(options, customize: b => b.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None), ct: ct);
            }
            catch (Exception e) when (RegistryServeChecks.Explain(e, options) is { } failure)
            {
                return CliMessages.Fail(error, failure.ExitCode, failure.Message);
            }
            await using var appScope = app;
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception e) when (RegistryServeChecks.Explain(e, options) is { } failure)
            {
                return CliMessages.Fail(error, failure.ExitCode, failure.Message);
            }
            Console.WriteLine($"zos registry: listening on {string.Join(", ", app.Urls)} ({(options.PostgresConnectionString is null ? "SQLite in " + Path.GetFullPath(options.DataDirectory) + (options.SqliteFsyncEveryCommit ? ", fsync at every commit" : "") : "PostgreSQL")})");
            Console.WriteLine($"zos registry: answers to nodes signed with key {app.Services.GetRequiredService<RegistrySigningKey>().PublicKeyBase64} (zos-registry-key=; {options.EffectiveSigningKeyFile})");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return serve;
    }

    /// <summary>The connection string from --postgres, --postgres-file or ZOS_REGISTRY_POSTGRES (null: SQLite), or the problem with them.</summary>
    private static (string? Connection, string? Problem) PostgresConnection(string? option, string? file)
    {
        if (option is not null && file is not null)
            return (null, "--postgres and --postgres-file both give the connection string: give one");
        if (file is null)
            return (option ?? (Environment.GetEnvironmentVariable("ZOS_REGISTRY_POSTGRES") is { Length: > 0 } env ? env : null), null);
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--postgres-file: cannot read '{file}': {e.Message}");
        }
        return text.Length == 0 ? (null, $"--postgres-file: '{file}' is empty (expected a connection string such as Host=...;Username=...;Password=...)") : (text, null);
    }
}
