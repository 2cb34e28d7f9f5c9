using System.CommandLine;
using System.Net;
using System.Text.Json;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Cli.Commands;

/// <summary>What the registry command groups share: the --registry option, the signed client, JSON output and error mapping.</summary>
internal static class RegistryCli
{
    private static readonly JsonSerializerOptions s_print = new(ContractJson.Options) { WriteIndented = true };

    public static Option<string?> RegistryOption() => new("--registry")
    {
        Description = "Registry URL (default: $ZOS_REGISTRY)",
        Recursive = true,
    };

    public static void Print<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, s_print));

    /// <summary>Runs <paramref name="call"/> with a signed client; maps refusals and transport failures to messages and exit codes.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string?> registry, Func<RegistryClient, UserConfig, CancellationToken, Task> call, CancellationToken ct)
    {
        var config = UserConfig.FromEnvironment();
        Uri url;
        try
        {
            url = UserConfig.RegistryUrl(parse.GetValue(registry));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"zos: {e.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            await call(config.Client(url), config, ct);
            return ExitCodes.Ok;
        }
        catch (InsecureKeyFileException e)
        {
            // Nothing was sent: a key others can read is not used to sign.
            await Console.Error.WriteLineAsync($"zos: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (RegistryException e)
        {
            await Console.Error.WriteLineAsync($"zos: {e.Message}");
            return e.Status == HttpStatusCode.BadRequest ? ExitCodes.Invalid : ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"zos: the registry at {url} is unreachable: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"zos: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
