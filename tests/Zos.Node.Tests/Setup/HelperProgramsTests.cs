using Xunit;
using Zos.Node.Linux;

namespace Zos.Node.Tests.Setup;

/// <summary>The daemon names at start the programs a node image lacks (the list the image must carry).</summary>
public sealed class HelperProgramsTests
{
    [Fact]
    public void Problems_AllThere_None() =>
        Assert.Empty(HelperPrograms.Problems(p => $"/usr/sbin/{p}"));

    [Fact]
    public void Problems_MissingWgAndBusyboxIp_OneMessageEachNamingTheProgramAndItsUse()
    {
        var problems = HelperPrograms.Problems(p => p switch
        {
            "wg" => null,
            "ip" or "ping" => "/bin/busybox",
            _ => $"/usr/sbin/{p}",
        });

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("'ip' on PATH is busybox's (/bin/busybox), which has no 'ip netns': iproute2's ip must come first", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("program 'wg' not found on PATH; it is needed for the configuration of kernel WireGuard devices", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Missing_NullAndALinkIsFollowed()
    {
        Assert.Null(ProgramLookup.Resolve("zos-no-such-program-" + Guid.NewGuid().ToString("N")));
        var dir = Directory.CreateTempSubdirectory("zos-programs-").FullName;
        try
        {
            var target = Path.Combine(dir, "busybox");
            File.WriteAllText(target, "");
            File.CreateSymbolicLink(Path.Combine(dir, "ip"), target);
            Assert.Equal(target, ProgramLookup.Resolve(Path.Combine(dir, "ip")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
