using Xunit;
using Zos.Lab.Vm;

namespace Zos.Lab.Tests;

public sealed class VmConsoleFramingTests
{
    [Fact]
    public void Line_WrapsTheCommandBetweenSplitMarkers()
    {
        Assert.Equal("echo ZQ\"\"B-ab12; { ip -br link; } 2>&1; echo ZQ\"\"E-ab12 $?\n", VmConsoleFraming.Line("ip -br link", "ab12"));
    }

    [Fact]
    public void TryParse_EchoedLinePromptsAndCrLf_OutputAndStatusBetweenTheMarkersOnly()
    {
        // What the serial shell sends back: the typed line echoed (markers split by quotes), CR LF, a colour prompt.
        var received = "~ # \u001b[0;32mecho ZQ\"\"B-ab12; { ip -br link; } 2>&1; echo ZQ\"\"E-ab12 $?\r\n"
            + "ZQB-ab12\r\nlo UNKNOWN\r\neth0 UP\r\nZQE-ab12 0\r\n~ # ";

        var result = VmConsoleFraming.TryParse(received, "ab12");

        Assert.NotNull(result);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("lo UNKNOWN\neth0 UP", result.Output);
    }

    [Fact]
    public void TryParse_FailedCommand_CarriesItsStatus()
    {
        var result = VmConsoleFraming.TryParse("ZQB-n1\nip: can't find device\nZQE-n1 1\n", "n1");

        Assert.Equal(new VmConsoleResult(1, "ip: can't find device"), result);
    }

    [Theory]
    [InlineData("echo ZQ\"\"B-n1; { true; } 2>&1; echo ZQ\"\"E-n1 $?\r\n")]   // only the echo: nothing ran yet
    [InlineData("ZQB-n1\r\nsome output\r\n")]                                  // still running
    [InlineData("ZQB-n1\r\nZQE-n1 12")]                                        // end line not complete: the status may grow
    [InlineData("ZQB-other\r\nZQE-other 0\r\n")]                              // an earlier command's answer
    public void TryParse_Incomplete_IsNull(string received)
    {
        Assert.Null(VmConsoleFraming.TryParse(received, "n1"));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("sleep 1 &")]
    [InlineData("  ")]
    public void Line_CommandTheFramingCannotCarry_RefusedNamingIt(string command)
    {
        var e = Assert.Throws<ArgumentException>(() => VmConsoleFraming.Line(command, "n1"));
        Assert.Contains("command", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_RemovesAnsiCrAndBackspaces()
    {
        Assert.Equal("abd\n", VmConsoleFraming.Clean("\u001b[1mab\u001b[0mc\bd\r\n"));
    }

    [Fact]
    public void VmPingRound_OutputInFpingWords_ReadByFpingRoundParse()
    {
        var command = VmPingRound.Command("n-abc", ["10.80.2.1", "fd00::1"]);
        Assert.Equal("/usr/bin/ip netns exec n-abc sh -c 'for a in 10.80.2.1 fd00::1; do if ping -c 1 -W 2 $a >/dev/null 2>&1; "
            + "then echo \"$a is alive\"; else echo \"$a is unreachable\"; fi; done'", command);

        var (answered, failures) = Zos.Lab.Runtime.FpingRound.Parse(["10.80.2.1", "fd00::1"], "10.80.2.1 is alive\nfd00::1 is unreachable\n", "");

        Assert.Equal(["10.80.2.1"], answered);
        Assert.Equal("no answer", failures["fd00::1"]);
        Assert.Throws<ArgumentException>(() => VmPingRound.Command("n-abc", ["10.0.0.1; reboot"]));
    }
}
