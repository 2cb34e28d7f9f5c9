using System.Diagnostics;
using Xunit;
using Zos.Testing;

namespace Zos.Cli.Tests;

/// <summary>`zos completion bash|zsh|fish`: scripts that ask zos itself ([suggest:N]) for the next words.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-completion-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("bash", "complete -o default -F _zos_complete zos")]
    [InlineData("zsh", "compdef _zos_complete zos")]
    [InlineData("fish", "complete -c zos -a '(__zos_complete)'")]
    public void Completion_Shell_PrintsItsScript(string shell, string registration)
    {
        var r = InProcessCli.Run("completion", shell);

        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Contains("[suggest:", r.Out, StringComparison.Ordinal);
        Assert.Contains(registration, r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zos farm sh", "show")]
    [InlineData("zos net", "network")]
    [InlineData("zos farm token ", "create list revoke")]
    public void SuggestDirective_LineSoFar_TheWordsThatMayFollow(string line, string expected)
    {
        var r = InProcessCli.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        var offered = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(expected.Split(' '), word => Assert.Contains(word, offered));
    }

    /// <summary>The bash script, sourced in a real bash, completes through the zos built here (a wrapper named zos on PATH).</summary>
    [Fact]
    public void BashScript_InBash_CompletesTheSubcommand()
    {
        Require.Tools("bash");
        var script = Path.Combine(_dir, "zos.bash");
        File.WriteAllText(script, InProcessCli.Run("completion", "bash").Out);
        var wrapper = Path.Combine(_dir, "zos");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{RegistryProcess.ZosDll}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"source '{script}'; COMP_LINE='zos farm sh'; COMP_POINT=11; COMP_WORDS=(zos farm sh); COMP_CWORD=2; _zos_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\"");
        psi.Environment["PATH"] = _dir + ":" + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(psi)!;
        var output = bash.StandardOutput.ReadToEnd();
        var error = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(60_000), "bash did not finish");

        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(["show"]), $"COMPREPLY: {output}\nstderr: {error}");
    }
}
