using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Nodes;

/// <summary>
/// A node's public config: set by the farm's owner, checked against the farm's subnets, shown in the desired state.
/// Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class PublicConfigApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : PublicConfigApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : PublicConfigApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task PublicConfig_SetByOwner_InNodeAndDesiredStateAndIpMarkedUsed()
    {
        var (owner, farm) = await FarmAsync();
        var (node, nodeClient) = await R.NodeAsync(farm.Id);
        var before = (await nodeClient.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!;
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"), new PublicIpConfig("2001:db8:1::10/64", "2001:db8:1::1"), "node1.example.org");
        var view = await owner.SetPublicConfigAsync(node.Id, config, Ct);
        Assert.Equal(config, view.PublicConfig);
        var after = (await nodeClient.GetDesiredStateAsync(node.Id, before.Version, TimeSpan.Zero, Ct)).State!;
        Assert.True(after.Version > before.Version);
        Assert.Equal(config, after.PublicConfig);
        Assert.Equal(node.Id, (await owner.GetFarmAsync(farm.Id, Ct)).PublicIps.Single().UsedBy);
        var inUse = await Refused(() => owner.RemoveFarmIpAsync(farm.Id, "203.0.113.10/24", Ct));
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);

        var cleared = await owner.UnsetPublicConfigAsync(node.Id, Ct);
        Assert.Null(cleared.PublicConfig);
        Assert.Null((await owner.GetFarmAsync(farm.Id, Ct)).PublicIps.Single().UsedBy);
    }

    [Fact]
    public async Task PublicConfig_Invalid_AllErrorsListed()
    {
        var (owner, farm) = await FarmAsync();
        var (node, _) = await R.NodeAsync(farm.Id);
        var e = await Refused(() => owner.SetPublicConfigAsync(node.Id,
            new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.10"), new PublicIpConfig("2001:db8:1::10/64", "2001:db8:2::1"), "bad_domain"), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["gateway 203.0.113.10 is the address itself (203.0.113.10/24)"], e.FieldErrors["ipv4.gateway"]);
        Assert.Equal(["gateway 2001:db8:2::1 is not inside 2001:db8:1::/64 (the subnet of 2001:db8:1::10/64)"], e.FieldErrors["ipv6.gateway"]);
        Assert.Equal(["'bad_domain' contains '_'; a domain has only letters, digits, '.' and '-'"], e.FieldErrors["domain"]);
    }

    [Fact]
    public async Task PublicConfig_OutsideFarmSubnetsOrUsedTwice_Refused()
    {
        var (owner, farm) = await FarmAsync();
        var (a, _) = await R.NodeAsync(farm.Id);
        var (b, _) = await R.NodeAsync(farm.Id);
        var outside = await Refused(() => owner.SetPublicConfigAsync(a.Id, new PublicConfig(new PublicIpConfig("198.51.100.5/24", "198.51.100.1")), Ct));
        Assert.Equal([$"198.51.100.5 is not in farm {farm.Id}'s registered public IPv4 subnets (203.0.113.0/24)"], outside.FieldErrors["ipv4.address"]);
        await owner.SetPublicConfigAsync(a.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var twice = await Refused(() => owner.SetPublicConfigAsync(b.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct));
        Assert.Equal([$"203.0.113.10 is used by node {a.Id} already"], twice.FieldErrors["ipv4.address"]);
    }

    [Fact]
    public async Task PublicConfig_ByAnotherFarmerOrOnOrphan_Refused()
    {
        var (_, farm) = await FarmAsync();
        var (node, _) = await R.NodeAsync(farm.Id);
        var (orphan, _) = await R.NodeAsync(null);
        var (_, other, otherAccount) = await R.AccountAsync("not-owner");
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"));
        var forbidden = await Refused(() => other.SetPublicConfigAsync(node.Id, config, Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal($"node {node.Id} is in farm {farm.Id}, which belongs to account {farm.OwnerId}, not to account {otherAccount.Id} (not-owner)", forbidden.Detail);
        var orphaned = await Refused(() => other.SetPublicConfigAsync(orphan.Id, config, Ct));
        Assert.Equal(HttpStatusCode.Conflict, orphaned.Status);
    }
}
