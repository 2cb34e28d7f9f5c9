using System.Net;
using Xunit;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Farms;

/// <summary>
/// Issue 14, "farmers cannot choose whether ICMP echo is answered": the farm's choice (answered by default), set at
/// creation or later by its owner only, reaches the farm's nodes in their desired state and moves its version.
/// Runs once per store.
/// </summary>
public abstract class FarmIcmpEchoApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : FarmIcmpEchoApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : FarmIcmpEchoApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task NewFarm_EchoAnsweredByDefault_InTheNodesDesiredState()
    {
        var (_, farm) = await FarmAsync();
        var (node, client) = await R.NodeAsync(farm.Id);

        var state = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!;

        Assert.True(farm.AnswerIcmpEcho);
        Assert.True(state.AnswerIcmpEcho);
    }

    [Fact]
    public async Task FarmCreatedWithoutEcho_NodesDesiredStateSaysSo()
    {
        var (_, owner, _) = await R.AccountAsync("quiet");
        var farm = await owner.CreateFarmAsync(new FarmCreate("quiet-farm", AnswerIcmpEcho: false), Ct);
        await R.AllowNodesAsync(owner, farm.Id);
        var (node, client) = await R.NodeAsync(farm.Id);

        Assert.False(farm.AnswerIcmpEcho);
        Assert.False((await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.AnswerIcmpEcho);
    }

    [Fact]
    public async Task OwnerTurnsEchoOff_DesiredVersionMovesAndCarriesIt()
    {
        var (owner, farm) = await FarmAsync();
        var (node, client) = await R.NodeAsync(farm.Id);
        var before = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!;

        var changed = await owner.SetFarmIcmpEchoAsync(farm.Id, false, Ct);

        Assert.False(changed.AnswerIcmpEcho);
        Assert.False((await owner.GetFarmAsync(farm.Id, Ct)).AnswerIcmpEcho);
        var poll = await client.GetDesiredStateAsync(node.Id, before.Version, TimeSpan.Zero, Ct);
        Assert.True(poll.Changed);
        Assert.False(poll.State!.AnswerIcmpEcho);
        Assert.True(poll.State.Version > before.Version);
    }

    [Fact]
    public async Task AnotherFarmer_CannotChangeIt()
    {
        var (_, farm) = await FarmAsync();
        var (_, other, _) = await R.AccountAsync("mallory");

        var e = await Refused(() => other.SetFarmIcmpEchoAsync(farm.Id, false, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.True((await other.GetFarmAsync(farm.Id, Ct)).AnswerIcmpEcho);
    }
}
