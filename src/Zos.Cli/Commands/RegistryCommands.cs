using System.CommandLine;
using Zos.Registry;

namespace Zos.Cli.Commands;

/// <summary>`zos registry serve`: the registry API and the Cockpit.</summary>
internal sealed class RegistryCommands : ICommandGroup
{
    public int Order => 40;

    public void Register(RootCommand root)
    {
        var registry = CommandTree.Verb(root, "registry", "The registry (grid source of truth) and the Cockpit");
        var serve = new Command("serve", "Serve the registry API (/api/v1) and the Cockpit (/)");
        var data = new Option<string>("--data") { Description = "Directory of the SQLite database", DefaultValueFactory = _ => "registry-data" };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (instead of SQLite; several registries may share it)" };
        var heartbeat = new Option<int>("--heartbeat-interval") { Description = "Seconds between node heartbeats (status goes down after 3 missed)", DefaultValueFactory = _ => 60 };
        serve.Add(data);
        serve.Add(urls);
        serve.Add(postgres);
        serve.Add(heartbeat);
        serve.SetAction(async (parse, ct) =>
        {
            var interval = parse.GetValue(heartbeat);
            if (interval < 1)
            {
                await Console.Error.WriteLineAsync($"zos: --heartbeat-interval {interval} must be at least 1 second");
                return ExitCodes.Usage;
            }
            var options = new RegistryOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls),
                PostgresConnectionString = parse.GetValue(postgres),
                HeartbeatInterval = TimeSpan.FromSeconds(interval),
            };
            await using var app = await RegistryApp.BuildAsync(options, ct: ct);
            await app.StartAsync(ct);
            Console.WriteLine($"zos registry: listening on {string.Join(", ", app.Urls)} ({(options.PostgresConnectionString is null ? "SQLite in " + Path.GetFullPath(options.DataDirectory) : "PostgreSQL")})");
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
        registry.Add(serve);
    }
}
