using Xunit;

namespace Zos.Testing;

/// <summary>
/// Guards for tests that need root, network namespaces or outside programs.
/// Locally such a test is skipped with the reason; under <c>ZOS_REQUIRE_PRIVILEGED=1</c> (CI) it fails instead,
/// so a CI run can never pass by skipping. A feature the running kernel lacks is no reason to skip either: such a test
/// runs under Debian's kernel in a VM instead (<see cref="KernelVm"/>).
/// </summary>
public static class Require
{
    public static bool Strict => Environment.GetEnvironmentVariable("ZOS_REQUIRE_PRIVILEGED") == "1";

    public static bool IsRoot => Environment.UserName == "root" || Sh.Run("id", "-u").StdOut.Trim() == "0";

    /// <summary>Root (CAP_NET_ADMIN, CAP_SYS_ADMIN) for namespaces, links and mounts.</summary>
    public static void Root()
    {
        if (!IsRoot)
            Missing("root privileges");
    }

    /// <summary>Programs on PATH (installed by scripts/install-deps.sh).</summary>
    public static void Tools(params string[] programs)
    {
        foreach (var program in programs)
        {
            if (Sh.Which(program) is null)
                Missing($"the program '{program}' (scripts/install-deps.sh installs it)");
        }
    }

    /// <summary>Root plus programs: the usual precondition of an integration test.</summary>
    public static void Privileged(params string[] programs)
    {
        Root();
        Tools(programs);
    }

    /// <summary>Skips locally, fails under ZOS_REQUIRE_PRIVILEGED=1: for a server or tool the test cannot run without.</summary>
    public static void Missing(string what)
    {
        if (Strict)
            Assert.Fail($"ZOS_REQUIRE_PRIVILEGED=1 and this test needs {what}");
        Assert.Skip($"needs {what}");
    }
}
