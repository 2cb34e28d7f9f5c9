using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// Issue 14's address findings, tried as an attacker would: a farm registering the whole Internet or non-global IPv6
/// prefixes, the same network in two farms (also spelled differently, also by two registry processes at once), and
/// user networks over loopback, multicast or public space. Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class AddressAttackTests : RegistryApiTestBase
{
    /// <summary>The attacks on SQLite.</summary>
    public sealed class Sqlite : AddressAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The attacks on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : AddressAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;

        [Fact]
        public async Task OverlappingFarms_CreatedAtOnceThroughTwoRegistryProcesses_OneWins()
        {
            await using var peer = await R.StartPeerAsync();
            var (_, one, _) = await R.AccountAsync("racer-one");
            using var peerHttp = peer.GetTestClient();
            var idTwo = Ed25519Identity.Generate();
            var two = new RegistryClient(peerHttp, new RequestSigner(idTwo, R.Time));
            await two.CreateAccountAsync("racer-two", Ct);
            for (var round = 0; round < 10; round++)
            {
                // Different text, overlapping networks: only the database-side check under the lock keeps them apart.
                var a = Attempt(() => one.CreateFarmAsync(new FarmCreate($"race-a{round}", [new FarmIpAdd($"203.0.113.{10 + round}/24", "203.0.113.1")]), Ct));
                var b = Attempt(() => two.CreateFarmAsync(new FarmCreate($"race-b{round}", [new FarmIpAdd($"203.0.113.{200 + round}/25", "203.0.113.129")]), Ct));
                var results = await Task.WhenAll(a, b);
                Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], results.Order().ToArray());
                // Free the subnet for the next round.
                var winner = results[0] == HttpStatusCode.Created ? one : two;
                var farms = await winner.ListFarmsAsync(Ct);
                var won = farms.Single(f => f.Name == (results[0] == HttpStatusCode.Created ? $"race-a{round}" : $"race-b{round}"));
                await winner.RemoveFarmIpAsync(won.Id, won.PublicIps.Single().Ip, Ct);
            }

            static async Task<HttpStatusCode> Attempt(Func<Task<Farm>> create)
            {
                try
                {
                    await create();
                    return HttpStatusCode.Created;
                }
                catch (RegistryException e)
                {
                    return e.Status;
                }
            }
        }
    }

    private async Task<(RegistryClient Client, Account Account)> FarmerAsync(string name)
    {
        var (_, client, account) = await R.AccountAsync(name);
        return (client, account);
    }

    [Theory]
    [InlineData("8.8.8.8/1", "8.8.8.1", "0.0.0.0/1 is a /1; a farm's public IPv4 subnet is a /16 to a /31")]
    [InlineData("185.69.166.121/8", "185.69.166.1", "185.0.0.0/8 is a /8; a farm's public IPv4 subnet is a /16 to a /31")]
    [InlineData("100.64.1.5/24", "100.64.1.1", "100.64.1.5 is in the shared address space 100.64.0.0/10 (RFC 6598); a public address is required")]
    [InlineData("127.0.0.5/24", "127.0.0.1", "127.0.0.5 is a loopback address; a public address is required")]
    [InlineData("0.0.0.5/24", "0.0.0.1", "0.0.0.5 is an unspecified address; a public address is required")]
    [InlineData("198.51.0.10/16", "198.51.0.1", "198.51.0.0/16 holds 198.51.100.0/24 (a documentation address (RFC 5737)); a farm's public space is global unicast only")]
    [InlineData("192.0.0.10/24", "192.0.0.1", "192.0.0.0/24 overlaps 192.0.0.0/24, IETF protocol assignments (RFC 6890); a farm's public space is global unicast only")]
    public async Task FarmIp_NotAGlobalUnicastSubnet_Refused(string ip, string gateway, string expected)
    {
        var (owner, farm) = await FarmAsync();
        var e = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd(ip, gateway), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Contains(expected, e.FieldErrors["ip"]);
        var stored = await owner.GetFarmAsync(farm.Id, Ct);
        Assert.DoesNotContain(stored.PublicIps, p => p.Ip == ip);
    }

    [Theory]
    [InlineData("::/0", "::/0 is shorter than /48; a farm registers a /48 to a /64")]
    [InlineData("fe80::/10", "fe80::/10 is shorter than /48; a farm registers a /48 to a /64")]
    [InlineData("fe80::/64", "fe80::/64 is link-local, outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast")]
    [InlineData("ff02::/16", "ff02::/16 is shorter than /48; a farm registers a /48 to a /64")]
    [InlineData("::1/128", "::1/128 is longer than /64; nodes need at least a /64 for SLAAC")]
    [InlineData("2001:db8:7::/96", "2001:db8:7::/96 is longer than /64; nodes need at least a /64 for SLAAC")]
    [InlineData("2001:db8:7::/128", "2001:db8:7::/128 is longer than /64; nodes need at least a /64 for SLAAC")]
    [InlineData("2001:db8:7::1/64", "'2001:db8:7::1/64' has host bits set; the prefix is 2001:db8:7::/64")]
    [InlineData("2002:c000:204::/48", "2002:c000:204::/48 overlaps 2002::/16, 6to4 (RFC 3056); a farm's public space is global unicast only")]
    public async Task Ipv6Prefix_NotAGlobalFarmPrefix_Refused(string prefix, string expected)
    {
        var (owner, _) = await FarmerAsync("v6-farmer");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("v6-farm", Ipv6Prefixes: [prefix]), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal([expected], e.FieldErrors["ipv6Prefixes[0]"]);
    }

    [Theory]
    [InlineData("203.0.113.11/24 ", "'203.0.113.11/24 ' contains whitespace or a control character; write the address alone, e.g. '203.0.113.11/24'")]
    [InlineData("203.0.113.11/24\n", "'203.0.113.11/24\\n' contains whitespace or a control character; write the address alone, e.g. '203.0.113.11/24'")]
    [InlineData("203.0.113.11/024", "'203.0.113.11/024' writes the prefix length with a leading zero; write /24")]
    [InlineData("203.0.113.011/24", "'203.0.113.011/24' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)")]
    public async Task FarmIp_OtherSpellingOfAnAddress_RefusedNamingIt(string ip, string expected)
    {
        var (owner, farm) = await FarmAsync();
        var e = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd(ip, "203.0.113.1"), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal([expected], e.FieldErrors["ip"]);
        Assert.Single((await owner.GetFarmAsync(farm.Id, Ct)).PublicIps);
    }

    [Fact]
    public async Task CreateFarm_SameAddressTwiceOrOverlappingSubnets_Refused()
    {
        var (owner, _) = await FarmerAsync("dup-farmer");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("dup-farm",
            [new FarmIpAdd("203.0.113.10/24", "203.0.113.1"), new FarmIpAdd("203.0.113.10/24", "203.0.113.1"), new FarmIpAdd("203.0.113.20/25", "203.0.113.1")],
            ["2001:db8:5::/48", "2001:DB8:5::/48"]), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["203.0.113.10 is listed twice (also publicIps[0].ip: 203.0.113.10/24)"], e.FieldErrors["publicIps[1].ip"]);
        Assert.Equal(["subnet 203.0.113.0/25 of 203.0.113.20/25 overlaps subnet 203.0.113.0/24 of publicIps[0].ip (203.0.113.10/24); write one subnet with one prefix length"],
            e.FieldErrors["publicIps[2].ip"]);
        Assert.Equal(["2001:db8:5::/48 overlaps 2001:db8:5::/48 (ipv6Prefixes[0])"], e.FieldErrors["ipv6Prefixes[1]"]);
    }

    [Fact]
    public async Task SameOrOverlappingNetworkInTwoFarms_Refused409NamingTheHolder()
    {
        var (first, farm) = await FarmAsync("holder-farm");
        var (second, _) = await FarmerAsync("squatter");
        var cases = new (FarmCreate Create, string Field, string Detail)[]
        {
            (new FarmCreate("squat-1", [new FarmIpAdd("203.0.113.20/24", "203.0.113.1")]), "ip", $"203.0.113.0/24 belongs to farm {farm.Id}"),
            (new FarmCreate("squat-2", [new FarmIpAdd("203.0.113.130/25", "203.0.113.129")]), "ip", $"203.0.113.128/25 overlaps 203.0.113.0/24, which belongs to farm {farm.Id}"),
            (new FarmCreate("squat-3", Ipv6Prefixes: ["2001:DB8:1::/48"]), "ipv6Prefixes", $"2001:db8:1::/48 belongs to farm {farm.Id}"),
            (new FarmCreate("squat-4", Ipv6Prefixes: ["2001:db8:1:5::/64"]), "ipv6Prefixes", $"2001:db8:1:5::/64 overlaps 2001:db8:1::/48, which belongs to farm {farm.Id}"),
        };
        foreach (var (create, field, detail) in cases)
        {
            var e = await Refused(() => second.CreateFarmAsync(create, Ct));
            Assert.Equal(HttpStatusCode.Conflict, e.Status);
            Assert.Equal([detail], e.FieldErrors[field]);
            Assert.DoesNotContain("holder-farm", e.Message, StringComparison.Ordinal);
        }
        // Adding the subnet to a farm that exists is refused the same way, and nothing of it is stored.
        var own = await second.CreateFarmAsync(new FarmCreate("squat-5", [new FarmIpAdd("198.51.100.10/24", "198.51.100.1")]), Ct);
        var add = await Refused(() => second.AddFarmIpAsync(own.Id, new FarmIpAdd("203.0.113.21/24", "203.0.113.1"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, add.Status);
        Assert.Equal([$"203.0.113.0/24 belongs to farm {farm.Id}"], add.FieldErrors["ip"]);
        Assert.Single((await second.GetFarmAsync(own.Id, Ct)).PublicIps);
        // So the holder's address can never be a node's of the other farm: the other farm holds no subnet with it.
        Assert.Equal([new FarmPublicIp("203.0.113.10/24", "203.0.113.1", null)], (await first.GetFarmAsync(farm.Id, Ct)).PublicIps);
    }

    [Fact]
    public async Task RemovedFarmIp_ReleasesTheSubnet_ForAnotherFarm()
    {
        var (first, farm) = await FarmAsync("leaving-farm");
        await first.RemoveFarmIpAsync(farm.Id, "203.0.113.10/24", Ct);
        var (second, _) = await FarmerAsync("next-owner");
        var taken = await second.CreateFarmAsync(new FarmCreate("next-farm", [new FarmIpAdd("203.0.113.20/24", "203.0.113.1")]), Ct);
        Assert.Equal([new FarmPublicIp("203.0.113.20/24", "203.0.113.1", null)], taken.PublicIps);
        var back = await Refused(() => first.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.10/24", "203.0.113.1"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, back.Status);
    }

    [Theory]
    [InlineData("127.0.0.0/16", "a loopback address")]
    [InlineData("224.0.0.0/16", "multicast")]
    [InlineData("0.0.0.0/16", "an unspecified address")]
    [InlineData("8.8.0.0/16", "public")]
    [InlineData("172.32.0.0/16", "public")]
    [InlineData("100.64.0.0/16", "in the shared address space 100.64.0.0/10 (RFC 6598)")]
    public async Task UserNetworkRange_NotRfc1918_Refused(string range, string what)
    {
        var (user, _) = await FarmerAsync("net-user");
        var e = await Refused(() => user.CreateNetworkAsync(new NetworkCreate("net-a", range), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.StartsWith($"{range} is {what}; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)",
            Assert.Single(e.FieldErrors["range"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserNetworkRange_Rfc1918_Accepted()
    {
        var (user, _) = await FarmerAsync("net-user");
        foreach (var (name, range) in new[] { ("net-a", "10.20.0.0/16"), ("net-b", "172.31.0.0/16"), ("net-c", "192.168.0.0/16") })
            Assert.Equal(range, (await user.CreateNetworkAsync(new NetworkCreate(name, range), Ct)).Range);
    }

    [Fact]
    public async Task DocumentationRanges_WithoutTheLabOption_Refused()
    {
        await using var strict = await TestRegistry.StartAsync(Kind, tune: o => o with { AllowDocumentationRanges = false });
        var id = Ed25519Identity.Generate();
        var owner = strict.Client(id);
        await owner.CreateAccountAsync("strict-farmer", Ct);
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("doc-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")], ["2001:db8:1::/48"]), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["203.0.113.10 is a documentation address (RFC 5737); a public address is required"], e.FieldErrors["publicIps[0].ip"]);
        Assert.Equal(["2001:db8:1::/48 is a documentation address (RFC 3849/9637); a public subnet is required"], e.FieldErrors["ipv6Prefixes[0]"]);
        var farm = await owner.CreateFarmAsync(new FarmCreate("real-farm", [new FarmIpAdd("185.69.166.121/24", "185.69.166.1")], ["2a02:1802:5e::/48"]), Ct);
        Assert.Equal(["2a02:1802:5e::/48"], farm.Ipv6Prefixes);
    }
}
