using System.Net;
using Microsoft.AspNetCore.TestHost;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Storage;

/// <summary>
/// Two registries on one PostgreSQL database: a change made through one reaches the other's cached desired versions
/// and long-polls through NOTIFY. The fake clock never moves here, so the re-read fallback (on the registry clock)
/// cannot be what wakes them.
/// </summary>
public sealed class SharedPostgresRegistryTests : RegistryTestBase
{
    protected override StoreKind Kind => StoreKind.Postgres;

    private async Task<(RegistryClient Owner, Farm Farm, Ed25519Identity Node)> FarmWithNodeAsync()
    {
        var (_, owner, _) = await R.AccountAsync("owner-shared");
        var farm = await owner.CreateFarmAsync(new FarmCreate("farm-shared", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")], []), Ct);
        await R.AllowNodesAsync(owner, farm.Id);
        var (node, _) = await R.NodeAsync(farm.Id);
        return (owner, farm, node);
    }

    [Fact]
    public async Task LongPoll_OnOtherRegistry_WakesOnChangeThroughNotify()
    {
        var (owner, _, node) = await FarmWithNodeAsync();
        await using var peer = await R.StartPeerAsync();
        var onPeer = new RegistryClient(peer.GetTestClient());
        var v = (await onPeer.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        var poll = onPeer.GetDesiredStateAsync(node.Id, v, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(300, Ct);
        Assert.False(poll.IsCompleted);

        await owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);

        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(result.Changed);
        Assert.Equal(v + 1, result.State!.Version);
        Assert.Equal("203.0.113.10/24", result.State.PublicConfig!.Ipv4.Address);
    }

    [Fact]
    public async Task CachedVersion_OnOtherRegistry_DroppedWhenChangedThroughTheFirst()
    {
        var (owner, _, node) = await FarmWithNodeAsync();
        await using var peer = await R.StartPeerAsync();
        using var peerHttp = peer.GetTestClient();
        var v = (await new RegistryClient(peerHttp).GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        Assert.Equal(HttpStatusCode.NotModified, await PollStatusAsync(peerHttp, node.Id, v));

        await owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);

        // NOTIFY arrives asynchronously after the commit: the peer answers 200 with the new version within moments.
        var status = HttpStatusCode.NotModified;
        for (var i = 0; i < 100 && status == HttpStatusCode.NotModified; i++)
        {
            status = await PollStatusAsync(peerHttp, node.Id, v);
            if (status == HttpStatusCode.NotModified)
                await Task.Delay(50, Ct);
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotModified, await PollStatusAsync(peerHttp, node.Id, v + 1));
    }

    private static async Task<HttpStatusCode> PollStatusAsync(HttpClient http, string nodeId, long version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/nodes/{nodeId}/desired-state");
        request.Headers.TryAddWithoutValidation("If-None-Match", DesiredState.ETagOf(version));
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
