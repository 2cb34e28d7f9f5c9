using Xunit;

namespace Zos.Testing;

/// <summary>
/// Guards for tests that need root, network namespaces or outside programs.
/// Locally such a test is skipped with the reason; under <c>ZOS_REQUIRE_PRIVILEGED=1</c> (CI) it fails instead,
/// so a CI run can never pass by skipping. The one skip CI allows is a feature the running kernel lacks
/// (<see cref="KernelFeature"/>), found by trying it and named in the reason.
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

    /// <summary>Skips (also in CI) when <paramref name="probe"/> shows the running kernel lacks <paramref name="feature"/>.</summary>
    public static void KernelFeature(string feature, Func<bool> probe)
    {
        if (!probe())
            Assert.Skip($"the running kernel lacks {feature} (tried it; this is the one skip CI allows)");
    }

    /// <summary>Skips locally, fails under ZOS_REQUIRE_PRIVILEGED=1: for a server or tool the test cannot run without.</summary>
    public static void Missing(string what)
    {
        if (Strict)
            Assert.Fail($"ZOS_REQUIRE_PRIVILEGED=1 and this test needs {what}");
        Assert.Skip($"needs {what}");
    }
}
