using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Linux.WireGuard;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Registry.Networks;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Networks;

/// <summary>
/// User networks: members and subnets, the owner's rights, concurrent adds, user access and its access node. Runs once
/// per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class NetworkApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : NetworkApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : NetworkApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task Network_CreateAddShowRemove_MembersAndSubnets()
    {
        var (_, owner, account) = await R.AccountAsync("netowner");
        var (a, _) = await R.NodeAsync(null);
        var (b, _) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("office", "10.20.0.0/16"), Ct);
        Assert.Equal(Zos.Core.Naming.NetId.Derive(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "office").Value, net.NetId);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var withB = await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id, "10.20.9.0/24"), Ct);
        Assert.Equal(["10.20.2.0/24", "10.20.9.0/24"], withB.Members.Select(m => m.Subnet));
        Assert.Equal(3, withB.Version);
        var shown = await R.Client().GetNetworkAsync(net.NetId, Ct);
        Assert.Equal(withB.Members.Select(m => m.Id), shown.Members.Select(m => m.Id));
        var removed = await owner.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct);
        Assert.Equal([b.Id], removed.Members.Select(m => m.Id));
    }

    [Fact]
    public async Task Network_InvalidOrDuplicate_Refused()
    {
        var (_, owner, _) = await R.AccountAsync("netowner2");
        var e = await Refused(() => owner.CreateNetworkAsync(new NetworkCreate("n", "10.20.1.0/16"), Ct));
        Assert.Equal(["'n' is 1 characters long; 3 to 40 are allowed"], e.FieldErrors["name"]);
        Assert.Equal(["'10.20.1.0/16' has host bits set; the range is 10.20.0.0/16"], e.FieldErrors["range"]);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("dup", "10.30.0.0/16"), Ct);
        var dup = await Refused(() => owner.CreateNetworkAsync(new NetworkCreate("dup", "10.31.0.0/16"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);
        var (a, _) = await R.NodeAsync(null);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var again = await Refused(() => owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct));
        Assert.Equal([$"node {a.Id} is a member of network {net.NetId} already"], again.FieldErrors["nodeId"]);
        var (c, _) = await R.NodeAsync(null);
        var outside = await Refused(() => owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(c.Id, "10.99.0.0/24"), Ct));
        Assert.Equal(["'10.99.0.0/24' is not a /24 inside 10.30.0.0/16"], outside.FieldErrors["subnet"]);
    }

    [Fact]
    public async Task Network_ChangedByAnotherOwner_Forbidden()
    {
        var (_, owner, account) = await R.AccountAsync("rightful");
        var (_, other, otherAccount) = await R.AccountAsync("someone");
        var (a, _) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("mine", "10.40.0.0/16"), Ct);
        var expected = $"network {net.NetId} belongs to account {account.Id}, not to account {otherAccount.Id} (someone)";
        foreach (var call in new Func<Task>[]
                 {
                     () => other.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct),
                     () => other.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct),
                     () => other.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct),
                 })
        {
            var e = await Refused(call);
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.Equal(expected, e.Detail);
        }
    }

    [Fact]
    public async Task Network_ConcurrentMemberAdds_NoneLost()
    {
        var (ownerId, _, _) = await R.AccountAsync("busy");
        var nodes = new List<string>();
        for (var i = 0; i < 12; i++)
            nodes.Add((await R.NodeAsync(null)).Id.Id);
        var net = await R.Client(ownerId).CreateNetworkAsync(new NetworkCreate("busy-net", "10.50.0.0/16"), Ct);
        // Each writer has its own client (own connection), all at once.
        await Task.WhenAll(nodes.Select(n => Task.Run(() => R.Client(ownerId).AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(n), Ct), Ct)));
        var final = await R.Client().GetNetworkAsync(net.NetId, Ct);
        Assert.Equal(nodes.Order(StringComparer.Ordinal), final.Members.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(12, final.Members.Select(m => m.Subnet).Distinct().Count());
        Assert.Equal(13, final.Version);
    }

    [Fact]
    public async Task Network_Join_UserAccessPeersWithAccessNodeAndNodeGetsPeer()
    {
        var (_, owner, _) = await R.AccountAsync("joiner");
        var (a, aClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("vpn", "10.60.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var nodeKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, nodeKey, "203.0.113.5:3000"), Ct);

        var keys = WireGuardKeyPair.Generate();
        var config = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Null(config.MeshError);
        Assert.Equal("10.60.3.0/24", config.Subnet);
        Assert.Equal("100.64.60.3/32", config.Address);
        var peer = Assert.Single(config.Peers);
        Assert.Equal((nodeKey, "203.0.113.5:3000"), (peer.PublicKey, peer.Endpoint));
        Assert.Contains($"PrivateKey = {config.PrivateKeyMarker}", config.WgQuick);
        Assert.DoesNotContain(keys.PrivateKey.ToBase64(), config.WgQuick);

        var member = (await owner.GetNetworkAsync(net.NetId, Ct)).Members.Single(m => m.Id == "laptop");
        Assert.Equal((NetworkMemberKind.UserAccess, "10.60.3.0/24", keys.PublicKey.ToBase64()), (member.Kind, member.Subnet, member.PublicKey));
        var nodeState = (await aClient.GetDesiredStateAsync(a.Id, null, TimeSpan.Zero, Ct)).State!;
        var toLaptop = Assert.Single(Assert.Single(nodeState.Networks).Peers);
        Assert.Equal(keys.PublicKey.ToBase64(), toLaptop.PublicKey);
        Assert.Contains("10.60.3.0/24", toLaptop.AllowedIps);

        var bad = await Refused(() => owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("phone", "short"), Ct));
        Assert.Equal(["'short' is not a WireGuard public key (base64 of 32 bytes)"], bad.FieldErrors["publicKey"]);
    }

    [Fact]
    public async Task Network_MemberKinds_WrittenNodeAndUserOnTheWire()
    {
        var (_, owner, _) = await R.AccountAsync("wire");
        var (a, _) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("wire", "10.63.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct);

        var members = (await R.Http().GetFromJsonAsync<JsonElement>($"api/v1/networks/{net.NetId}", Ct)).GetProperty("members");

        Assert.Equal([(a.Id, "node"), ("laptop", "user")],
            members.EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("kind").GetString())));
    }

    [Fact]
    public async Task Network_JoinAgainWithSameKey_AnswersCurrentPeersAndAnotherKeyIsRefused()
    {
        var (_, owner, _) = await R.AccountAsync("rejoiner");
        var (a, aClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("early", "10.61.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var keys = WireGuardKeyPair.Generate();

        // Before the node reported its key there is no access node: no peer yet.
        var early = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Empty(early.Peers);
        Assert.Null(early.WgQuick);
        Assert.Equal(NetworkService.NoAccessNodeYet, early.MeshError);
        var versionAfterJoin = (await owner.GetNetworkAsync(net.NetId, Ct)).Version;

        var nodeKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, nodeKey, "203.0.113.5:3000"), Ct);
        var again = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(early.Subnet, again.Subnet);
        var peer = Assert.Single(again.Peers);
        Assert.Equal((nodeKey, "203.0.113.5:3000"), (peer.PublicKey, peer.Endpoint));
        Assert.Contains("Endpoint = 203.0.113.5:3000", again.WgQuick);
        var after = await owner.GetNetworkAsync(net.NetId, Ct);
        Assert.Single(after.Members, m => m.Id == "laptop");
        Assert.Equal(versionAfterJoin + 1, after.Version); // the access node the laptop was given is recorded
        await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(after.Version, (await owner.GetNetworkAsync(net.NetId, Ct)).Version); // nothing new: nothing written

        var other = await Refused(() => owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct));
        Assert.Equal([$"'laptop' is a member of network {net.NetId} already"], other.FieldErrors["name"]);
    }

    [Fact]
    public async Task Network_UserJoined_AccessNodeKeptWhenABetterRankedNodeReportsAndReplacedWhenItLeaves()
    {
        var (_, owner, _) = await R.AccountAsync("sticky");
        var (a, aClient) = await R.NodeAsync(null);
        var (b, bClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("sticky", "10.62.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id), Ct);
        var aKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, aKey, "203.0.113.5:3000"), Ct);
        var keys = WireGuardKeyPair.Generate();
        var joined = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal("203.0.113.5:3000", Assert.Single(joined.Peers).Endpoint);

        // b reports a dual-stack endpoint: the mesh would rank it first, but the laptop's file names a.
        var bKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await bClient.ReportAsync(b.Id, TestRegistry.NetworkDeployed(net.NetId, bKey, "203.0.113.6:3000", "[2001:db8::6]:3000"), Ct);
        var again = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal((aKey, "203.0.113.5:3000"), (Assert.Single(again.Peers).PublicKey, again.Peers[0].Endpoint));
        var aState = (await aClient.GetDesiredStateAsync(a.Id, null, TimeSpan.Zero, Ct)).State!;
        Assert.Contains(Assert.Single(aState.Networks).Peers, p => p.PublicKey == keys.PublicKey.ToBase64());

        // a leaves the network: b takes over, and joining again says so.
        await owner.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct);
        var moved = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(bKey, Assert.Single(moved.Peers).PublicKey);
    }
}
