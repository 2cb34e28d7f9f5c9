using Xunit;
using Zos.Linux.Processes;
using Zos.Testing;

namespace Zos.Linux.Tests.Processes;

public class HelperProcessTests
{
    [Fact]
    public async Task RunAsync_InNamespace_RunsThereAndCapturesOutput()
    {
        Require.Privileged("ip");
        using var ns = TestNetns.Create("pr");
        var result = await ProcessRunner.RunAsync(new HelperLaunch("ip", ["-o", "link", "show"], ns.Name), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        // A fresh namespace has only loopback: proof the program ran inside it.
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(": lo:", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingNamespace_ThrowsNamingProgramAndNamespace()
    {
        var name = TestNames.New("none");
        var e = await Assert.ThrowsAsync<HelperProcessException>(() =>
            ProcessRunner.RunAsync(new HelperLaunch("sleep", ["1"], name), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"cannot start 'sleep' in network namespace '{name}': the namespace does not exist (/run/netns/{name})", e.Message);
    }

    [Fact]
    public async Task Start_MissingProgram_ThrowsNamingProgram()
    {
        var e = await Assert.ThrowsAsync<HelperProcessException>(() =>
            ProcessRunner.RunAsync(new HelperLaunch("zos-no-such-program", []), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("cannot start 'zos-no-such-program' in the current network namespace: program not found on PATH", e.Message);
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsAndThrows()
    {
        var e = await Assert.ThrowsAsync<HelperProcessException>(() =>
            ProcessRunner.RunAsync(new HelperLaunch("sleep", ["30"]), timeout: TimeSpan.FromMilliseconds(200), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("'sleep' in the current network namespace did not finish within 0.2 s and was killed", e.Message);
    }

    [Fact]
    public async Task StopAsync_LongRunningInNamespace_PidIsTheProgramAndItIsGone()
    {
        Require.Privileged("ip");
        using var ns = TestNetns.Create("pr");
        var p = HelperProcess.Start(new HelperLaunch("sleep", ["60"], ns.Name));
        try
        {
            // ip netns exec execs the program: the PID we hold is sleep itself.
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var comm = File.ReadAllText($"/proc/{p.Id}/comm").Trim();
            Assert.Equal("sleep", comm);
            var netns = new FileInfo($"/proc/{p.Id}/ns/net").LinkTarget;
            Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, netns);
        }
        finally
        {
            await p.StopAsync(TimeSpan.FromSeconds(2));
        }
        Assert.True(p.HasExited);
        // Reaped: no /proc entry (a zombie would still have one).
        Assert.False(Directory.Exists($"/proc/{p.Id}"));
        await p.DisposeAsync();
    }

    [Fact]
    public async Task StdOutLines_DeliversLinesAsTheyArrive()
    {
        await using var p = HelperProcess.Start(new HelperLaunch("sh", ["-c", "echo one; echo two; sleep 5"]));
        var first = await p.StdOutLines.ReadAsync(TestContext.Current.CancellationToken);
        var second = await p.StdOutLines.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("one", "two"), (first, second));
        Assert.False(p.HasExited);
    }

    [Fact]
    public async Task RunAsync_InMountNamespace_SeesThatNamespacesMounts()
    {
        Require.Privileged("unshare", "nsenter", "mount");
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("zt-mnt-").FullName;
        try
        {
            // A process holding a private mount namespace with a tmpfs on dir that only it sees.
            await using var holder = HelperProcess.Start(new HelperLaunch("unshare",
                ["-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs tmpfs \"$1\" && touch \"$1/marker\" && echo ready && exec sleep 60", "zt", dir]));
            Assert.Equal("ready", await holder.StdOutLines.ReadAsync(ct));
            var inside = await ProcessRunner.RunAsync(new HelperLaunch("ls", [dir], MountNamespace: $"/proc/{holder.Id}/ns/mnt"), cancellationToken: ct);
            Assert.Equal("marker", inside.StdOut.Trim());
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
