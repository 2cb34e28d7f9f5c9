using System.CommandLine;
using System.Text.Json;
using Zos.Core.Mesh;
using Zos.Core.Networks;
using Zos.Core.Validation;

namespace Zos.Cli.Commands;

/// <summary>
/// `zos network plan FILE`: reads a user network (YAML or JSON), allocates missing subnets, validates it and
/// prints the computed WireGuard mesh as tables, as JSON (--json), or a user's wg-quick file (--wg-quick ID).
/// </summary>
internal static class NetworkPlanCommands
{
    public static Command Plan()
    {
        var file = new Argument<FileInfo>("file") { Description = "The network: YAML or JSON (see examples/network-plan.yaml)" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var wgQuick = new Option<string?>("--wg-quick") { Description = "Print the wg-quick configuration of this user-access member instead" };
        var privateKey = new Option<string?>("--private-key") { Description = "Private key to write into the wg-quick configuration (default: a placeholder)" };
        var plan = new Command("plan", "Compute the WireGuard mesh of a user network: per member its subnet, WireGuard address, endpoints and peers");
        plan.Add(file);
        plan.Add(json);
        plan.Add(wgQuick);
        plan.Add(privateKey);
        plan.SetAction(parseResult => Plan(
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(wgQuick),
            parseResult.GetValue(privateKey),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return plan;
    }

    private static int Plan(FileInfo file, bool json, string? wgQuickMember, string? privateKey, TextWriter output, TextWriter error)
    {
        var text = InputFile.Read(file, "the network file");

        var document = NetworkDocument.Parse(text);
        if (!document.Succeeded)
        {
            Report(error, file, document.Errors);
            return ExitCodes.Usage;
        }

        var allocation = SubnetAllocator.AssignMissing(document.Network!);
        if (!allocation.Succeeded)
        {
            Report(error, file, allocation.Errors);
            return ExitCodes.Invalid;
        }

        var network = allocation.Network!;
        var problems = NetworkValidator.Validate(network);
        Report(error, file, problems);
        if (problems.Any(p => p.IsError))
            return ExitCodes.Invalid;

        var mesh = MeshCalculator.Compute(network);
        if (!mesh.Succeeded)
        {
            return CliMessages.Fail(error, ExitCodes.Invalid, $"{file.Name}: {mesh.Error}");
        }

        if (wgQuickMember is not null)
        {
            var member = mesh.Plan!.Find(wgQuickMember);
            if (member is null || member.Member.Kind != NetworkMemberKind.UserAccess)
            {
                return CliMessages.Fail(error, ExitCodes.Usage, $"--wg-quick '{wgQuickMember}' is not a user-access member of {file.Name}");
            }

            if (privateKey is not null && !WireGuardKey.IsValid(privateKey))
            {
                return CliMessages.Fail(error, ExitCodes.Usage, "--private-key is not base64 of 32 bytes (the value is not shown: it is a secret)");
            }

            output.Write(WgQuickConfig.Render(mesh.Plan, wgQuickMember, privateKey));
            return ExitCodes.Ok;
        }

        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                MeshPlanJson.Write(mesh.Plan!, writer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            output.Write(MeshPlanText.Render(mesh.Plan!));
        }

        return ExitCodes.Ok;
    }

    private static void Report(TextWriter error, FileInfo file, IEnumerable<ValidationError> problems)
    {
        foreach (var problem in problems)
            CliMessages.Problem(error, problem, file.Name);
    }
}
