using Xunit;
using Zos.Core.Cmdline;

namespace Zos.Core.Tests.Cmdline;

public class KernelCmdlineTests
{
    [Fact]
    public void Parse_SplitsOnFirstEquals()
    {
        var c = KernelCmdline.Parse("console=ttyS0,115200 root=UUID=abc=def quiet", out var error);
        Assert.Null(error);
        Assert.Equal("ttyS0,115200", c.Last("console"));
        Assert.Equal("UUID=abc=def", c.Last("root"));
        Assert.True(c.Has("quiet"));
        Assert.Null(c.Last("quiet"));
    }

    [Fact]
    public void Parse_RepeatedKey_LastWinsAndAllKept()
    {
        var c = KernelCmdline.Parse("substrate=a runmode=dev substrate=b runmode=test", out _);
        Assert.Equal("test", c.Last("runmode"));
        Assert.Equal(["a", "b"], c.All("substrate"));
    }

    [Fact]
    public void Parse_ShellQuoting()
    {
        var c = KernelCmdline.Parse("a='x y' b=\"p \\\"q\\\" r\" c=one\\ two d=\"\" 'e f'=g", out var error);
        Assert.Null(error);
        Assert.Equal("x y", c.Last("a"));
        Assert.Equal("p \"q\" r", c.Last("b"));
        Assert.Equal("one two", c.Last("c"));
        Assert.Equal("", c.Last("d"));
        Assert.Equal("g", c.Last("e f"));
    }

    [Fact]
    public void Parse_BackslashInsideDoubleQuotes_EscapesAnyCharacterLikeShlex()
    {
        var c = KernelCmdline.Parse("a=\"x\\ny\" b=\"p\\\\q\"", out var error);
        Assert.Null(error);
        Assert.Equal("xny", c.Last("a"));
        Assert.Equal("p\\q", c.Last("b"));
    }

    [Fact]
    public void Parse_HashIsOrdinary()
    {
        var c = KernelCmdline.Parse("a=1 #b=2 c=3", out _);
        Assert.Equal("2", c.Last("#b"));
        Assert.Equal("3", c.Last("c"));
    }

    [Fact]
    public void Parse_UnterminatedQuote_ReportsAndFallsBackToSpaces()
    {
        var c = KernelCmdline.Parse("farmer_id=7 note=\"oops runmode=dev", out var error);
        Assert.Equal("kernel command line has an unterminated double quote at position 17", error);
        Assert.Equal("7", c.Last("farmer_id"));
        Assert.Equal("dev", c.Last("runmode"));
    }

    [Fact]
    public void Parse_TrailingBackslash_Reports()
    {
        KernelCmdline.Parse("a=b \\", out var error);
        Assert.Equal("kernel command line ends with a backslash that escapes nothing", error);
        KernelCmdline.Parse("a='b", out error);
        Assert.Equal("kernel command line has an unterminated single quote at position 2", error);
    }

    [Fact]
    public void Parse_EmptyAndWhitespace_NoEntries()
    {
        Assert.Empty(KernelCmdline.Parse("", out _).Entries);
        Assert.Empty(KernelCmdline.Parse(" \t\n ", out _).Entries);
    }
}
