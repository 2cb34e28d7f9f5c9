using Xunit;
using Zos.Core.Contracts;
using Zos.Registry.Observability;
using Zos.Registry.Storage;

namespace Zos.Registry.Tests.Observability;

public sealed class NodeStatusTallyTests
{
    private const long DownAfter = 180_000;
    private const long Now = 1_000_000;

    [Fact]
    public void Count_NodesOfTwoFarmsAndAnOrphan_UpToDownAfterInclusive()
    {
        StoredNode[] nodes =
        [
            Node("a", 1, lastSeen: Now - DownAfter),       // exactly at the limit: still up, as the API says
            Node("b", 1, lastSeen: Now - DownAfter - 1),
            Node("c", 2, lastSeen: Now),
            Node("d", null, lastSeen: 0),
        ];

        var counts = NodeStatusTally.Count(nodes, Now, DownAfter);

        Assert.Equal(1, counts[("1", NodeStatus.Up)]);
        Assert.Equal(1, counts[("1", NodeStatus.Down)]);
        Assert.Equal(1, counts[("2", NodeStatus.Up)]);
        Assert.Equal(0, counts[("2", NodeStatus.Down)]);
        Assert.Equal(0, counts[(NodeStatusTally.NoFarm, NodeStatus.Up)]);
        Assert.Equal(1, counts[(NodeStatusTally.NoFarm, NodeStatus.Down)]);
        Assert.Equal(6, counts.Count);
    }

    [Fact]
    public void Count_NoNodes_Empty() => Assert.Empty(NodeStatusTally.Count([], Now, DownAfter));

    private static StoredNode Node(string id, uint? farm, long lastSeen) =>
        new(id, farm, new NodeDocument([], new NodeCapacity(1, 1, []), new NodeVersions("test", null), null, null), 1, 1, 0, lastSeen, 0, null, null);
}
