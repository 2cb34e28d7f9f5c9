using System.CommandLine;
using System.Net;
using System.Text.Json;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Cli.Commands;

/// <summary>What the registry command groups share: the --registry and --json options, the signed client, JSON output and error mapping.</summary>
internal static class RegistryCli
{
    private static readonly JsonSerializerOptions s_print = new(ContractJson.Options) { WriteIndented = true };

    public static Option<string?> RegistryOption() => new("--registry")
    {
        Description = "Registry URL (default: $ZOS_REGISTRY)",
        Recursive = true,
    };

    /// <summary>--json on a registry command that prints JSON anyway: every data command takes it, so scripts pass it everywhere.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON (camelCase; what this command prints by default too)" };

    public static void Print<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, s_print));

    /// <summary>Runs <paramref name="call"/> with a signed client; maps refusals and transport failures to messages and exit codes.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string?> registry, Func<RegistryClient, UserConfig, CancellationToken, Task> call, CancellationToken ct)
    {
        var error = Console.Error;
        var config = UserConfig.FromEnvironment();
        Uri url;
        try
        {
            url = UserConfig.RegistryUrl(parse.GetValue(registry));
        }
        catch (ArgumentException e)
        {
            return CliMessages.Fail(error, ExitCodes.Usage, e.Message);
        }
        RegistryClient client;
        try
        {
            client = config.Client(url);
        }
        catch (InsecureKeyFileException e)
        {
            // Nothing was sent: a key others can read is not used to sign.
            return CliMessages.Fail(error, ExitCodes.Failed, e.Message);
        }
        catch (InvalidDataException e)
        {
            return CliMessages.Fail(error, ExitCodes.Invalid,
                $"your account key {config.AccountKeyPath} is not a key ({e.Message}); put back the file you saved, or move it away and `zos account create` a new account");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliMessages.Fail(error, ExitCodes.Failed,
                $"cannot read or create your account key {config.AccountKeyPath}: {e.Message}; set ZOS_CONFIG_DIR to a directory you can write");
        }
        try
        {
            await call(client, config, ct);
            return ExitCodes.Ok;
        }
        catch (RegistryException e)
        {
            return CliMessages.Fail(error, ExitCodeOf(e.Status), Describe(e) + Hint(e.Status, config));
        }
        catch (HttpRequestException e)
        {
            return CliMessages.Fail(error, ExitCodes.Unreachable,
                $"the registry at {url} is unreachable: {e.Message}; check --registry (or ZOS_REGISTRY) and that `zos registry serve` runs there");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return CliMessages.Fail(error, ExitCodes.Unreachable, $"the registry at {url} did not answer in time; check that it runs and is not overloaded");
        }
        catch (JsonException e)
        {
            return CliMessages.Fail(error, ExitCodes.Failed, $"the answer from {url} is not a Zos registry's ({e.Message}); check --registry (or ZOS_REGISTRY)");
        }
        catch (ArgumentException e)
        {
            return CliMessages.Fail(error, ExitCodes.Usage, CliMessages.Reason(e));
        }
    }

    /// <summary>The exit code of a registry refusal: validation is invalid input; a missing thing, a conflict and a refused key have their own.</summary>
    public static int ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.RequestUriTooLong => ExitCodes.Invalid,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Denied,
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => ExitCodes.Unreachable,
        _ => ExitCodes.Failed,
    };

    /// <summary>
    /// "registry refused POST /api/v1/farms: 400 TITLE" and one line per field error; the problem's detail is left out
    /// when the field errors are there, as it repeats them on one line.
    /// </summary>
    public static string Describe(RegistryException e)
    {
        if (e.FieldErrors.Count == 0)
            return e.Message;
        var head = e.Message.Split('\n')[0];
        var status = $": {(int)e.Status} ";
        var request = head.IndexOf(status, StringComparison.Ordinal) is var at and >= 0 ? head[..at] : "registry refused the request";
        var fields = e.FieldErrors.SelectMany(f => f.Value.Select(m => $"\n  {f.Key}: {m}"));
        return $"{request}: {(int)e.Status} {e.Title.TrimEnd('.')}{string.Concat(fields)}";
    }

    private static string Hint(HttpStatusCode status, UserConfig config) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"\n  (signed with your account key {config.AccountKeyPath}; `zos account create NAME` registers it, and only a farm's or network's owner may change it)",
        _ => "",
    };
}
