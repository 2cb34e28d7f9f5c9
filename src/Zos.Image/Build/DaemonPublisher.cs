using Zos.Linux.Processes;

namespace Zos.Image.Build;

/// <summary>
/// Publishes zos-node (src/Zos.NodeHost) for the image: self-contained for linux-x64, one file, the framework trimmed,
/// compiled ahead of time (ReadyToRun) so it starts fast on a machine without the SDK, and without debug files.
/// </summary>
public static class DaemonPublisher
{
    public const string Executable = "zos-node";
    public const string Sodium = "libsodium.so";
    public const string Description = "self-contained single file for linux-x64, framework trimmed (TrimMode=partial), ReadyToRun";

    public static string ProjectPath(string sourceRoot) => Path.Combine(sourceRoot, "src", "Zos.NodeHost", "Zos.NodeHost.csproj");

    public static async Task PublishAsync(string sourceRoot, string outputDirectory, CancellationToken ct)
    {
        var project = ProjectPath(sourceRoot);
        if (!File.Exists(project))
            throw new ImageBuildException($"no {project}: give --source (the Zos source tree) or --daemon (a published zos-node)");
        await ProcessRunner.RunCheckedAsync(new HelperLaunch("dotnet",
            [
                "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", outputDirectory, "--nologo", "-v", "q",
                "-p:PublishSingleFile=true", "-p:PublishTrimmed=true", "-p:TrimMode=partial", "-p:SuppressTrimAnalysisWarnings=true",
                "-p:PublishReadyToRun=true", "-p:DebugType=none", "-p:DebugSymbols=false", "-p:GenerateDocumentationFile=false",
            ])
        {
            Environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        }, "publish zos-node", timeout: TimeSpan.FromMinutes(15), cancellationToken: ct).ConfigureAwait(false);
        Check(outputDirectory);
    }

    /// <summary>Throws unless <paramref name="directory"/> holds a published zos-node and its libsodium.</summary>
    public static void Check(string directory)
    {
        foreach (var file in (string[])[Executable, Sodium])
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new ImageBuildException($"{directory} holds no {file}: it is not a published zos-node");
        }
    }
}
