using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Nodes;

/// <summary>
/// The desired state's ETag and long-poll. Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class DesiredStateApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : DesiredStateApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : DesiredStateApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task DesiredState_KnownVersion_NotModifiedWithETag()
    {
        var (node, client) = await R.NodeAsync(null);
        var first = await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct);
        Assert.True(first.Changed);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/nodes/{node.Id}/desired-state");
        request.Headers.TryAddWithoutValidation("If-None-Match", DesiredState.ETagOf(first.State!.Version));
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(DesiredState.ETagOf(first.State.Version), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task DesiredState_LongPoll_WakesOnChange()
    {
        var (owner, farm) = await FarmAsync();
        var (node, client) = await R.NodeAsync(farm.Id);
        var v = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        var poll = client.GetDesiredStateAsync(node.Id, v, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(200, Ct);
        Assert.False(poll.IsCompleted);
        await owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(result.Changed);
        Assert.Equal("203.0.113.10/24", result.State!.PublicConfig!.Ipv4.Address);
    }

    [Fact]
    public async Task DesiredState_LongPoll_TimesOutWithNotModified()
    {
        var (node, client) = await R.NodeAsync(null);
        var v = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        var poll = client.GetDesiredStateAsync(node.Id, v, TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(200, Ct);
        Assert.False(poll.IsCompleted);
        // The registry's clock drives the wait: advance it in steps (shared stores re-read on an interval).
        for (var i = 0; i < 50 && !poll.IsCompleted; i++)
        {
            R.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, Ct);
        }
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(result.Changed);
    }
}
