using Xunit;
using Zos.Lab.Runtime;

namespace Zos.Lab.Tests;

public sealed class FpingRoundTests
{
    [Fact]
    public void Command_Addresses_OneRequestEachNoRetryAfterTheOptions()
    {
        Assert.Equal(["fping", "-r", "0", "-i", "1", "-t", "1000", "10.80.2.2", "fd33::2"], FpingRound.Command(["10.80.2.2", "fd33::2"]));
    }

    [Fact]
    public void Parse_AliveUnreachableAndErrors_AnsweredAndTheReasonPerAddress()
    {
        // fping 5.1's own lines (captured in a namespace with only loopback up), plus an ICMP error as fping prints it.
        const string stdout = "127.0.0.1 is alive\n::1 is alive\n192.0.2.77 is unreachable\n2001:db8::77 is unreachable\n10.80.3.2 is unreachable\n10.80.4.2 is unreachable\n";
        const string stderr = "192.0.2.77: error while sending ping: Network is unreachable\n2001:db8::77: error while sending ping: Network is unreachable\n"
                              + "ICMP Host Unreachable from 10.80.1.1 for ICMP Echo sent to 10.80.3.2\n";
        string[] addresses = ["127.0.0.1", "::1", "192.0.2.77", "2001:db8::77", "10.80.3.2", "10.80.4.2"];

        var (answered, failures) = FpingRound.Parse(addresses, stdout, stderr);

        Assert.Equal(["127.0.0.1", "::1"], answered.Order(StringComparer.Ordinal));
        Assert.Equal("192.0.2.77: error while sending ping: Network is unreachable", failures["192.0.2.77"]);
        Assert.Equal("2001:db8::77: error while sending ping: Network is unreachable", failures["2001:db8::77"]);
        Assert.Equal("ICMP Host Unreachable from 10.80.1.1 for ICMP Echo sent to 10.80.3.2", failures["10.80.3.2"]);
        Assert.Equal("no answer", failures["10.80.4.2"]);
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void Parse_FpingDidNotRun_EveryAddressGetsItsError()
    {
        var (answered, failures) = FpingRound.Parse(["10.80.2.2", "10.80.3.2"], "", "nsenter: failed to execute fping: No such file or directory\n");

        Assert.Empty(answered);
        Assert.Equal("nsenter: failed to execute fping: No such file or directory", failures["10.80.2.2"]);
        Assert.Equal("nsenter: failed to execute fping: No such file or directory", failures["10.80.3.2"]);
    }
}
