using Zos.Linux.Processes;

namespace Zos.Image.Build;

/// <summary>
/// Publishes zos-node (src/Zos.NodeHost) for the image: Native AOT for linux-x64, one native executable that needs no
/// .NET runtime and starts without a JIT (under qemu's TCG the ReadyToRun build spent 3.4 s starting), without debug
/// files. The native link runs gcc (Debian's build-essential), not clang, which Debian 12's SDK machines lack.
/// </summary>
public static class DaemonPublisher
{
    public const string Executable = "zos-node";
    public const string Sodium = "libsodium.so";
    public const string Description = "Native AOT for linux-x64 (one native executable, linked with gcc)";

    public static string ProjectPath(string sourceRoot) => Path.Combine(sourceRoot, "src", "Zos.NodeHost", "Zos.NodeHost.csproj");

    public static async Task PublishAsync(string sourceRoot, string outputDirectory, CancellationToken ct)
    {
        var project = ProjectPath(sourceRoot);
        if (!File.Exists(project))
            throw new ImageBuildException($"no {project}: give --source (the Zos source tree) or --daemon (a published zos-node)");
        await ProcessRunner.RunCheckedAsync(new HelperLaunch("dotnet",
            [
                "publish", project, "-c", "Release", "-r", "linux-x64", "-o", outputDirectory, "--nologo", "-v", "q",
                "-p:PublishAot=true", "-p:CppCompilerAndLinker=gcc", "-p:StripSymbols=true",
                "-p:DebugType=none", "-p:DebugSymbols=false", "-p:GenerateDocumentationFile=false",
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
