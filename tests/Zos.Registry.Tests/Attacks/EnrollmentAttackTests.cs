using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Linux.WireGuard;
using Zos.Registry.Cockpit;
using Zos.Registry.Farms;
using Zos.Registry.Storage;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// Issue 14's first finding, tried as an attacker would: a stranger's node registering into someone's farm, a revoked
/// or foreign token, a refused node coming back, another account deciding for the farmer, deleting a farm that still
/// has nodes. Each must be kept out; the farmer's decisions (approve, refuse, remove, delete) must hold. Runs once
/// per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class EnrollmentAttackTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : EnrollmentAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : EnrollmentAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private const string ListedMac = "52:54:00:0e:00:01";

    // A public subnet and prefix belong to one farm: the n-th farm of a test gets the n-th documentation block.
    private static readonly string[] s_subnets = ["203.0.113", "198.51.100", "192.0.2"];
    private int _farms;

    /// <summary>A farm whose owner lets no node in yet (no MAC listed, no token), with a public subnet and prefix no other farm of the test has.</summary>
    private async Task<(RegistryClient Owner, Farm Farm)> ClosedFarmAsync(string name = "closed-farm")
    {
        var (_, owner, _) = await R.AccountAsync("owner-" + name);
        var n = _farms++;
        var subnet = s_subnets[n % s_subnets.Length];
        return (owner, await owner.CreateFarmAsync(new FarmCreate(name, [new FarmIpAdd($"{subnet}.10/24", $"{subnet}.1")], [$"2001:db8:{n + 1}::/48"]), Ct));
    }

    /// <summary>A new node identity that registers for <paramref name="farmId"/> with one NIC of <paramref name="mac"/>, and <paramref name="token"/> when given.</summary>
    private async Task<(Ed25519Identity Id, RegistryClient Client, NodeView View)> StrangerAsync(uint farmId, string mac = "52:54:00:0e:99:01", string? token = null)
    {
        var id = Ed25519Identity.Generate();
        var client = R.Client(id);
        var view = await client.RegisterNodeAsync(Registration(id.Id, farmId, mac, token), Ct);
        return (id, client, view);
    }

    private static NodeRegistration Registration(string nodeId, uint farmId, string mac, string? token) =>
        TestRegistry.Registration(nodeId, farmId) with { Interfaces = [new InterfaceInfo("eth0", mac, ["10.1.0.5/24"])], FarmToken = token };

    [Fact]
    public async Task Register_NotListedNoToken_PendingOutsideTheFarmUntilApproved()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var (node, nodeClient, view) = await StrangerAsync(farm.Id);

        // Registered, but in no farm: waiting for this one.
        Assert.Null(view.FarmId);
        Assert.Equal(new NodeEnrollment(farm.Id, EnrollmentState.Pending, TestRegistry.Start), view.Enrollment);
        Assert.DoesNotContain(await R.Client().ListNodesAsync(farm.Id, ct: Ct), n => n.Id == node.Id);
        Assert.DoesNotContain(await R.Client().ListNodesAsync(orphans: true, ct: Ct), n => n.Id == node.Id);
        var overview = await R.Http().GetFromJsonAsync<FarmOverview>($"api/v1/cockpit/farms/{farm.Id}", ContractJson.Options, Ct);
        Assert.Empty(overview!.Nodes);
        Assert.Equal([node.Id], overview.Pending!.Select(p => p.Id));
        var capacity = await R.Http().GetFromJsonAsync<CapacityOverview>("api/v1/cockpit/capacity", ContractJson.Options, Ct);
        Assert.Equal((0, 0, 0), (capacity!.Farms.Single(f => f.Id == farm.Id).NodesTotal, capacity.Farms.Single(f => f.Id == farm.Id).CpuCores, capacity.OrphanNodes));
        Assert.Equal([node.Id], (await owner.ListPendingNodesAsync(farm.Id, Ct)).Select(n => n.Id));

        // No public config, no networks, and its desired state names no farm.
        var publicConfig = await Refused(() => owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"), null), Ct));
        Assert.Equal(HttpStatusCode.Conflict, publicConfig.Status);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("pending-net", "10.20.0.0/16"), Ct);
        var member = await Refused(() => owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(node.Id), Ct));
        Assert.Equal(HttpStatusCode.Conflict, member.Status);
        var desired = (await nodeClient.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!;
        Assert.Equal((null, null, 0), (desired.FarmId, desired.PublicConfig, desired.Networks.Count));

        // Registering again changes nothing; the farmer's approval does, and the node's desired state moves with it.
        Assert.Equal(EnrollmentState.Pending, (await nodeClient.RegisterNodeAsync(Registration(node.Id, farm.Id, "52:54:00:0e:99:01", null), Ct)).Enrollment?.State);
        var approved = await owner.ApproveNodeAsync(farm.Id, node.Id, Ct);
        Assert.Equal((farm.Id, (NodeEnrollment?)null), (approved.FarmId, approved.Enrollment));
        Assert.Equal([node.Id], (await R.Client().ListNodesAsync(farm.Id, ct: Ct)).Select(n => n.Id));
        Assert.Empty(await owner.ListPendingNodesAsync(farm.Id, Ct));
        var after = (await nodeClient.GetDesiredStateAsync(node.Id, desired.Version, TimeSpan.Zero, Ct)).State!;
        Assert.Equal(farm.Id, after.FarmId);
        // Once in, it stays in when it registers again (e.g. its address changed).
        Assert.Equal(farm.Id, (await nodeClient.RegisterNodeAsync(Registration(node.Id, farm.Id, "52:54:00:0e:99:01", null), Ct)).FarmId);
    }

    [Fact]
    public async Task Register_MacOnTheFarmList_JoinsAtOnce()
    {
        var (owner, farm) = await ClosedFarmAsync();
        await owner.SetFarmMacAsync(farm.Id, new BootMac(ListedMac.ToUpperInvariant().Replace(':', '-'), ""), Ct);
        var (node, _, view) = await StrangerAsync(farm.Id, ListedMac);
        Assert.Equal((farm.Id, (NodeEnrollment?)null), (view.FarmId, view.Enrollment));
        Assert.Equal([node.Id], (await R.Client().ListNodesAsync(farm.Id, ct: Ct)).Select(n => n.Id));
        // The same MAC does not open another farm.
        var (_, other) = await ClosedFarmAsync("other-farm");
        var (_, _, elsewhere) = await StrangerAsync(other.Id, ListedMac);
        Assert.Equal(EnrollmentState.Pending, elsewhere.Enrollment?.State);
    }

    [Fact]
    public async Task Token_JoinsCountedRevokedRefusedAndTheNodesInStayIn()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var created = await owner.CreateFarmTokenAsync(farm.Id, Ct);
        Assert.True(FarmEnrollmentToken.IsWellFormed(created.Secret), created.Secret);
        Assert.NotEqual(created.Secret, (await owner.CreateFarmTokenAsync(farm.Id, Ct)).Secret);

        var (early, earlyClient, joined) = await StrangerAsync(farm.Id, token: created.Secret);
        Assert.Equal((farm.Id, (NodeEnrollment?)null), (joined.FarmId, joined.Enrollment));
        var listed = await R.Client().ListFarmTokensAsync(farm.Id, Ct);
        Assert.Equal([(created.Token.Id, 1L, (DateTimeOffset?)null), (created.Token.Id + 1, 0L, null)], listed.Select(t => (t.Id, t.Uses, t.Revoked)));
        var listing = await R.Http().GetStringAsync($"api/v1/farms/{farm.Id}/tokens", Ct);
        Assert.DoesNotContain(created.Secret[FarmEnrollmentToken.Prefix.Length..], listing, StringComparison.Ordinal);

        var revoked = await owner.RevokeFarmTokenAsync(farm.Id, created.Token.Id, Ct);
        Assert.Equal(TestRegistry.Start, revoked.Revoked);
        var late = Ed25519Identity.Generate();
        var refused = await Refused(() => R.Client(late).RegisterNodeAsync(Registration(late.Id, farm.Id, "52:54:00:0e:99:02", created.Secret), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("was revoked", Assert.Single(refused.FieldErrors["enrollment"]), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RegistryException>(() => R.Client().GetNodeAsync(late.Id, Ct));
        // The node that joined with it is not thrown out, and still registers with the (now revoked) token on its command line.
        Assert.Equal(farm.Id, (await earlyClient.RegisterNodeAsync(Registration(early.Id, farm.Id, "52:54:00:0e:99:01", created.Secret), Ct)).FarmId);
        Assert.Equal(1, (await R.Client().ListFarmTokensAsync(farm.Id, Ct))[0].Uses);
    }

    [Fact]
    public async Task Token_OfAnotherFarmOrMalformed_Refused()
    {
        var (_, farm) = await ClosedFarmAsync();
        var (otherOwner, other) = await ClosedFarmAsync("other-farm");
        var foreign = await otherOwner.CreateFarmTokenAsync(other.Id, Ct);
        foreach (var token in new[] { foreign.Secret, "zft_short", FarmEnrollmentToken.Prefix + new string('A', FarmEnrollmentToken.EncodedLength) })
        {
            var node = Ed25519Identity.Generate();
            var e = await Refused(() => R.Client(node).RegisterNodeAsync(Registration(node.Id, farm.Id, "52:54:00:0e:99:03", token), Ct));
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.True(e.FieldErrors.ContainsKey("enrollment"), e.Message);
        }
        Assert.Equal(0, (await R.Client().ListFarmTokensAsync(other.Id, Ct)).Single().Uses);
    }

    [Fact]
    public async Task Refused_StaysRefusedUntilApprovedOrRemoved()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var (node, nodeClient, _) = await StrangerAsync(farm.Id);
        var refusedView = await owner.RefuseNodeAsync(farm.Id, node.Id, Ct);
        Assert.Equal(EnrollmentState.Refused, refusedView.Enrollment?.State);

        using (var response = await SignedRegisterAsync(node, Registration(node.Id, farm.Id, "52:54:00:0e:99:01", null)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("refused", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        // Even a token does not override the farmer's explicit no.
        var token = (await owner.CreateFarmTokenAsync(farm.Id, Ct)).Secret;
        Assert.Equal(HttpStatusCode.Forbidden, (await Refused(() => nodeClient.RegisterNodeAsync(Registration(node.Id, farm.Id, "52:54:00:0e:99:01", token), Ct))).Status);
        Assert.Equal(EnrollmentState.Refused, Assert.Single(await owner.ListPendingNodesAsync(farm.Id, Ct)).Enrollment?.State);

        // Approved later: in.
        Assert.Equal(farm.Id, (await owner.ApproveNodeAsync(farm.Id, node.Id, Ct)).FarmId);
        Assert.Equal(farm.Id, (await nodeClient.RegisterNodeAsync(Registration(node.Id, farm.Id, "52:54:00:0e:99:01", null), Ct)).FarmId);

        // Refused then removed: it may ask again (pending, not refused).
        var (second, secondClient, _) = await StrangerAsync(farm.Id, "52:54:00:0e:99:02");
        await owner.RefuseNodeAsync(farm.Id, second.Id, Ct);
        await owner.RemoveFarmNodeAsync(farm.Id, second.Id, Ct);
        Assert.Equal(EnrollmentState.Pending, (await secondClient.RegisterNodeAsync(Registration(second.Id, farm.Id, "52:54:00:0e:99:02", null), Ct)).Enrollment?.State);
    }

    [Fact]
    public async Task AnotherAccount_CannotDecideForTheFarmer()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var (_, intruder, intruderAccount) = await R.AccountAsync("intruder");
        var (pending, _, _) = await StrangerAsync(farm.Id);
        var token = await owner.CreateFarmTokenAsync(farm.Id, Ct);
        var (member, _, _) = await StrangerAsync(farm.Id, "52:54:00:0e:99:02", token.Secret);

        var attempts = new Func<Task>[]
        {
            () => intruder.ApproveNodeAsync(farm.Id, pending.Id, Ct),
            () => intruder.RefuseNodeAsync(farm.Id, pending.Id, Ct),
            () => intruder.RemoveFarmNodeAsync(farm.Id, member.Id, Ct),
            () => intruder.RemoveFarmNodeAsync(farm.Id, pending.Id, Ct),
            () => intruder.DeleteFarmAsync(farm.Id, Ct),
            () => intruder.CreateFarmTokenAsync(farm.Id, Ct),
            () => intruder.RevokeFarmTokenAsync(farm.Id, token.Token.Id, Ct),
        };
        foreach (var attempt in attempts)
        {
            var e = await Refused(attempt);
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.Contains($"not to account {intruderAccount.Id}", e.Message, StringComparison.Ordinal);
        }
        // Nothing moved.
        Assert.Equal(EnrollmentState.Pending, Assert.Single(await owner.ListPendingNodesAsync(farm.Id, Ct)).Enrollment?.State);
        Assert.Equal([member.Id], (await R.Client().ListNodesAsync(farm.Id, ct: Ct)).Select(n => n.Id));
        Assert.Equal([(token.Token.Id, (DateTimeOffset?)null)], (await R.Client().ListFarmTokensAsync(farm.Id, Ct)).Select(t => (t.Id, t.Revoked)));
        // A node cannot approve itself either: its key has no account, let alone the farm.
        var self = await Refused(() => R.Client(pending).ApproveNodeAsync(farm.Id, pending.Id, Ct));
        Assert.True(self.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, self.Message);
        Assert.Null((await R.Client().GetNodeAsync(pending.Id, Ct)).FarmId);
    }

    [Fact]
    public async Task DeleteFarm_WithNodes409NamingThem_EmptyDeletedWithTokensAndPendingRequests()
    {
        var (owner, farm) = await ClosedFarmAsync();
        await owner.SetFarmMacAsync(farm.Id, new BootMac(ListedMac, ""), Ct);
        var (member, _, _) = await StrangerAsync(farm.Id, ListedMac);
        var (waiting, _, _) = await StrangerAsync(farm.Id);
        await owner.CreateFarmTokenAsync(farm.Id, Ct);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("farm-net", "10.20.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(member.Id), Ct);

        var busy = await Refused(() => owner.DeleteFarmAsync(farm.Id, Ct));
        Assert.Equal(HttpStatusCode.Conflict, busy.Status);
        var why = Assert.Single(busy.FieldErrors["farmId"]);
        Assert.Contains(member.Id, why, StringComparison.Ordinal);
        Assert.Contains(net.NetId, why, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting.Id, why, StringComparison.Ordinal);
        Assert.Equal(farm.Id, (await R.Client().GetFarmAsync(farm.Id, Ct)).Id);

        await owner.RemoveFarmNodeAsync(farm.Id, member.Id, Ct);
        await owner.DeleteFarmAsync(farm.Id, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => R.Client().GetFarmAsync(farm.Id, Ct))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => R.Client().ListFarmTokensAsync(farm.Id, Ct))).Status);
        // The node that waited for it is an orphan now; the MAC is free for another farm.
        var orphan = await R.Client().GetNodeAsync(waiting.Id, Ct);
        Assert.Equal(((uint?)null, (NodeEnrollment?)null), (orphan.FarmId, orphan.Enrollment));
        var (nextOwner, next) = await ClosedFarmAsync("next-farm");
        Assert.Equal([ListedMac], (await nextOwner.SetFarmMacAsync(next.Id, new BootMac(ListedMac, ""), Ct)).Macs.Select(m => m.Mac));
    }

    [Fact]
    public async Task RemoveNode_LeavesItsNetworksAndTheOtherMembersDesiredStateDropsIt()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var token = (await owner.CreateFarmTokenAsync(farm.Id, Ct)).Secret;
        var (a, aClient, _) = await StrangerAsync(farm.Id, "52:54:00:0e:00:0a", token);
        var (b, bClient, _) = await StrangerAsync(farm.Id, "52:54:00:0e:00:0b", token);
        var (_, user, _) = await R.AccountAsync("net-user");
        var net = await user.CreateNetworkAsync(new NetworkCreate("mesh", "10.70.0.0/16"), Ct);
        await user.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        await user.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id), Ct);
        var aKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, aKey, "203.0.113.5:3000"), Ct);
        await bClient.ReportAsync(b.Id, TestRegistry.NetworkDeployed(net.NetId, WireGuardKeyPair.Generate().PublicKey.ToBase64(), "203.0.113.6:3000"), Ct);
        var before = (await bClient.GetDesiredStateAsync(b.Id, null, TimeSpan.Zero, Ct)).State!;
        Assert.Contains(Assert.Single(before.Networks).Peers, p => p.PublicKey == aKey);

        await owner.RemoveFarmNodeAsync(farm.Id, a.Id, Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => R.Client().GetNodeAsync(a.Id, Ct))).Status);
        Assert.Equal([b.Id], (await R.Client().GetNetworkAsync(net.NetId, Ct)).Members.Select(m => m.Id));
        var after = (await bClient.GetDesiredStateAsync(b.Id, before.Version, TimeSpan.Zero, Ct)).State!;
        Assert.True(after.Version > before.Version);
        Assert.DoesNotContain(Assert.Single(after.Networks).Peers, p => p.PublicKey == aKey);
        // The removed node's heartbeats find nothing; registering again it waits (its MAC is not listed).
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => aClient.HeartbeatAsync(a.Id, new Heartbeat(1, new NodeHealth(true, false, null, [])), Ct))).Status);
        Assert.Equal(EnrollmentState.Pending, (await aClient.RegisterNodeAsync(Registration(a.Id, farm.Id, "52:54:00:0e:00:0a", null), Ct)).Enrollment?.State);
        // A node of another farm is not this farmer's to remove.
        var (otherOwner, other) = await ClosedFarmAsync("other-farm");
        var (stranger, _, _) = await StrangerAsync(other.Id, "52:54:00:0e:00:0c", (await otherOwner.CreateFarmTokenAsync(other.Id, Ct)).Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => owner.RemoveFarmNodeAsync(farm.Id, stranger.Id, Ct))).Status);
    }

    [Fact]
    public async Task Token_OnlyItsHashIsStored()
    {
        var (owner, farm) = await ClosedFarmAsync();
        var secret = (await owner.CreateFarmTokenAsync(farm.Id, Ct)).Secret;
        var store = R.App.Services.GetRequiredService<IRegistryStore>();
        Assert.NotNull(await store.FindFarmTokenAsync(EnrollmentTokens.Hash(secret), Ct));
        Assert.Null(await store.FindFarmTokenAsync(secret, Ct));
        if (Kind == StoreKind.Sqlite)
        {
            // Nothing in the database files carries the secret (main file and WAL).
            var files = Directory.GetFiles(R.Options.DataDirectory, "registry.db*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(files);
            var needle = System.Text.Encoding.UTF8.GetBytes(secret[FarmEnrollmentToken.Prefix.Length..]);
            foreach (var file in files)
            {
                var bytes = await ReadSharedAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{file} holds the token's secret");
            }
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await f.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<HttpResponseMessage> SignedRegisterAsync(Ed25519Identity node, NodeRegistration body)
    {
        var http = R.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, "api/v1/nodes")) { Content = JsonContent.Create(body, ContractJson.TypeInfo<NodeRegistration>()) };
        await new RequestSigner(node, R.Time).SignAsync(request, Ct);
        return await http.SendAsync(request, Ct);
    }
}
