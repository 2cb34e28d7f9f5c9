using Xunit;
using Zos.Lab.Runtime;

namespace Zos.Lab.Tests;

public sealed class LabDemoStateTests
{
    [Fact]
    public void AccessLine_AccessNodeWithHiddenMembers_NamesThemInOrderGiven()
    {
        var state = new LabDemoState { AccessNode = "dc-farm/node1", Hidden = ["dc-farm/node3", "home-farm/home1"] };
        Assert.Equal("demo: access node dc-farm/node1, hidden members through it: dc-farm/node3, home-farm/home1", state.AccessLine);
    }

    [Fact]
    public void AccessLine_AccessNodeOnly_NoHiddenPart()
    {
        Assert.Equal("demo: access node flat-farm/flat3", new LabDemoState { AccessNode = "flat-farm/flat3" }.AccessLine);
    }

    [Fact]
    public void AccessLine_NoAccessNode_Null()
    {
        Assert.Null(new LabDemoState { Hidden = ["home-farm/home1"] }.AccessLine);
    }
}
