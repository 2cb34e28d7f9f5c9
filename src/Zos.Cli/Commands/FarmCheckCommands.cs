using System.CommandLine;
using Zos.Cli.Output;
using Zos.Core.Farms;
using Zos.Core.Validation;

namespace Zos.Cli.Commands;

/// <summary>`zos farm check FILE`: the farm "Necessities" as checks (Zos.Core.Farms.FarmChecker).</summary>
internal static class FarmCheckCommands
{
    public static Command Check()
    {
        var file = new Argument<FileInfo>("file") { Description = "Farm file (YAML or JSON), e.g. examples/dc-farm.yaml" };
        var strict = new Option<bool>("--strict")
        {
            Description = "Reject documentation address ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) as the registry does "
                + "unless it runs with --allow-documentation-ranges (labs); by default they are accepted with a warning. Both judge by the same rules",
        };
        var json = CliJson.Option("Print the verdict and every problem as JSON on stdout");
        var check = new Command("check", "Check a farm file: every problem with its path, errors and warnings; exit 1 on errors") { file, strict, json };
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetRequiredValue(file);
            var text = InputFile.Read(path, "the farm file");
            var options = parseResult.GetValue(strict) ? FarmCheckOptions.Strict : FarmCheckOptions.AllowDocumentationRanges;
            var report = FarmChecker.CheckText(text, options);
            if (report.IsUnreadable)
            {
                foreach (var problem in report.Problems)
                    CliMessages.Error(error, $"{path}{(problem.Line is { } l ? $":{l}" : "")}: {problem.Message}");
                return ExitCodes.Usage;
            }
            var errors = report.Errors.Count();
            var warnings = report.Warnings.Count();
            if (parseResult.GetValue(json))
            {
                CliJson.Write(output, new FarmCheckJson(path.ToString(), report.Farm!.Name, errors == 0, errors, warnings, [.. report.Problems.Select(ProblemJson.From)]));
                return errors > 0 ? ExitCodes.Invalid : ExitCodes.Ok;
            }
            foreach (var problem in report.Problems)
                output.WriteLine(problem.ToString());
            output.WriteLine($"{path}: farm '{report.Farm!.Name}': {Count(errors, "error")}, {Count(warnings, "warning")}");
            return errors > 0 ? ExitCodes.Invalid : ExitCodes.Ok;
        });
        return check;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
