using Xunit;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

public class CrashPointTests
{
    [Fact]
    public void Constructor_Zero_RefusedNamingTheVariable()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrashPoint(0));

        Assert.StartsWith("ZOS_TEST_CRASH_AT must be 1 or more, not 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_Unset_Inert()
    {
        // The test process never sets the variable: production code paths get no crash point.
        Assert.Null(Environment.GetEnvironmentVariable(CrashPoint.Variable));
        Assert.Null(CrashPoint.FromEnvironment());
    }
}
