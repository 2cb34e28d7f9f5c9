using System.CommandLine;
using Zos.Cli.Output;
using Zos.Core.Farms;
using Zos.Core.Router;
using Zos.Linux.Router;

namespace Zos.Cli.Commands;

/// <summary>`zos farm router-config FILE`: the farm router's files (nftables NAT, addresses and routes, sysctl, radvd), or --check.</summary>
internal static class FarmRouterConfigCommands
{
    public static Command RouterConfig()
    {
        var file = new Argument<FileInfo>("file") { Description = "Farm file (YAML or JSON)" };
        var output = new Option<DirectoryInfo?>("-o", "--output") { Description = "Write the files into this directory (default: print them)" };
        var wan = new Option<string>("--wan") { Description = "The router's uplink interface (NAT goes out here)", DefaultValueFactory = _ => RouterInterfaces.DefaultUplink };
        var ports = new Option<string[]>("--port") { Description = "SEGMENT=IF: the router interface on a segment (default: named after the segment)", AllowMultipleArgumentsPerToken = true };
        var check = new Option<bool>("--check") { Description = "Tell what is missing on the running router instead of printing files" };
        var netns = new Option<string?>("--netns") { Description = "With --check: inspect this network namespace instead of the host" };
        var json = CliJson.Option("With --check: print the verdict and what is missing as JSON on stdout");
        var command = new Command("router-config", "Generate the farm router's configuration from the farm file, or check a running router")
        {
            file, output, wan, ports, check, netns, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            var text = InputFile.Read(path, "the farm file");
            var report = FarmChecker.CheckText(text, FarmCheckOptions.AllowDocumentationRanges);
            if (report.HasErrors || report.Farm is not { } definition)
            {
                foreach (var p in report.Errors)
                    CliMessages.Problem(Console.Error, p, path.ToString());
                if (report.IsUnreadable)
                    return ExitCodes.Usage;
                return ExitCodes.Invalid;
            }
            if (definition.Router is null)
            {
                return CliMessages.Fail(Console.Error, ExitCodes.Invalid, $"{path}: the farm has no router section; add one (see examples/dc-farm.yaml)");
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in parse.GetValue(ports) ?? [])
            {
                var parts = p.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    return CliMessages.Fail(Console.Error, ExitCodes.Usage, $"--port: '{p}' is not SEGMENT=IF (e.g. oob=eth1)");
                }
                map[parts[0]] = parts[1];
            }
            var interfaces = new RouterInterfaces(parse.GetValue(wan)!, map);
            if (parse.GetValue(check))
            {
                RouterObservation observed;
                try
                {
                    observed = await RouterObserver.ObserveAsync(parse.GetValue(netns), RouterConfigChecker.NeedsNftables(definition), ct);
                }
                catch (Exception e) when (e is Zos.Linux.Interop.SystemCallException or Zos.Linux.Processes.HelperProcessException or IOException or UnauthorizedAccessException)
                {
                    var where = parse.GetValue(netns) is { } ns ? $"--netns {ns}" : "this host";
                    return CliMessages.Fail(Console.Error, ExitCodes.Failed, $"cannot inspect the router in {where}: {e.Message}; check the namespace name (ip netns list) and run as root");
                }
                var missing = RouterConfigChecker.Missing(definition, interfaces, observed);
                if (parse.GetValue(json))
                {
                    CliJson.Write(Console.Out, new RouterCheckJson(definition.Name, missing.Count == 0, missing));
                    return missing.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
                }
                foreach (var m in missing)
                    Console.WriteLine($"missing: {m}");
                Console.WriteLine(missing.Count == 0 ? $"router of farm {definition.Name}: complete" : $"router of farm {definition.Name}: {missing.Count} missing");
                return missing.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
            }
            var files = RouterConfigGenerator.Generate(definition, interfaces).ToFiles();
            if (parse.GetValue(output) is { } dir)
            {
                try
                {
                    Directory.CreateDirectory(dir.FullName);
                    foreach (var (name, content) in files)
                        await File.WriteAllTextAsync(Path.Combine(dir.FullName, name), content, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return CliMessages.Fail(Console.Error, ExitCodes.Failed, $"-o {dir}: cannot write the files there ({e.Message.TrimEnd('.')}); choose a directory this user can write");
                }
                Console.WriteLine($"wrote {string.Join(", ", files.Keys)} to {dir.FullName}");
            }
            else
            {
                foreach (var (name, content) in files)
                    Console.WriteLine($"==> {name} <==\n{content}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
