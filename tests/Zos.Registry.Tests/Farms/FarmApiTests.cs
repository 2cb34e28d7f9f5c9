using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Farms;

/// <summary>
/// Farms: creation rules, public IPs, the boot MAC list and profile, and changes by the owner only. Runs once per store
/// (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class FarmApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : FarmApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : FarmApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task CreateFarm_Valid_ListedAndReadable()
    {
        var (owner, farm) = await FarmAsync();
        Assert.True(farm.Id > 0);
        Assert.Equal([new FarmPublicIp("203.0.113.10/24", "203.0.113.1", null)], farm.PublicIps);
        Assert.Equal("prod", farm.Boot.Runmode);
        Assert.Equal(farm.Name, (await owner.GetFarmAsync(farm.Id, Ct)).Name);
        Assert.Contains(await R.Client().ListFarmsAsync(Ct), f => f.Id == farm.Id);
    }

    [Fact]
    public async Task CreateFarm_EveryFieldWrong_AllErrorsListed()
    {
        var (_, owner, _) = await R.AccountAsync("gina");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("x",
            [new FarmIpAdd("203.0.113.10/24", "198.51.100.1"), new FarmIpAdd("not-an-ip", "203.0.113.1"), new FarmIpAdd("203.0.113.11/24", "203.0.113.11")],
            ["10.0.0.0/8"], new FarmBootProfile("staging", "a\nb")), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["'x' is 1 characters long; 3 to 40 are allowed"], e.FieldErrors["name"]);
        Assert.Equal(["gateway 198.51.100.1 is not inside 203.0.113.0/24 (the subnet of 203.0.113.10/24)"], e.FieldErrors["publicIps[0].gateway"]);
        Assert.Equal(["'not-an-ip' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)"], e.FieldErrors["publicIps[1].ip"]);
        Assert.Equal(["gateway 203.0.113.11 is the address itself (203.0.113.11/24)"], e.FieldErrors["publicIps[2].gateway"]);
        Assert.Equal(["'10.0.0.0/8' is not an IPv6 prefix (e.g. 2001:db8:1::/48)"], e.FieldErrors["ipv6Prefixes[0]"]);
        Assert.Equal(["'staging' is not a runmode; use one of prod, test, dev, qa"], e.FieldErrors["boot.runmode"]);
        Assert.Equal(["'a b' contains a control character; kernel arguments are one line"], e.FieldErrors["boot.kernelArgs"]);
    }

    [Fact]
    public async Task AddFarmIp_PrivateAddress_RefusedAsNotPublic()
    {
        var (owner, farm) = await FarmAsync();
        var e = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("192.168.1.10/24", "192.168.1.1"), Ct));
        var ip = System.Net.IPAddress.Parse("192.168.1.10");
        var gw = System.Net.IPAddress.Parse("192.168.1.1");
        Assert.Equal([$"{ip} is {Zos.Core.Primitives.AddressClassifier.Describe(ip)}; a public address is required"], e.FieldErrors["ip"]);
        Assert.Equal([$"{gw} is {Zos.Core.Primitives.AddressClassifier.Describe(gw)}; a public address is required"], e.FieldErrors["gateway"]);
    }

    [Fact]
    public async Task CreateFarm_NoAccount_Forbidden()
    {
        using var id = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(id).CreateFarmAsync(new FarmCreate("nobody"), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal($"the signing key '{id.Id}' has no account; create one first (zos account create)", e.Detail);
    }

    [Fact]
    public async Task CreateFarm_NameTaken_Conflict()
    {
        var (owner, _) = await FarmAsync("taken");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("taken"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal(["a farm named 'taken' exists already"], e.FieldErrors["name"]);
    }

    [Fact]
    public async Task FarmIps_AddDuplicateRemove_FollowRules()
    {
        var (owner, farm) = await FarmAsync();
        var added = await owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.11/24", "203.0.113.1"), Ct);
        Assert.Equal(2, added.PublicIps.Count);
        var dup = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.11/24", "203.0.113.1"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);
        Assert.Equal([$"farm {farm.Id} has the IP '203.0.113.11/24' already"], dup.FieldErrors["ip"]);
        var bad = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.12/24", "203.0.114.1"), Ct));
        Assert.Equal(["gateway 203.0.114.1 is not inside 203.0.113.0/24 (the subnet of 203.0.113.12/24)"], bad.FieldErrors["gateway"]);
        var removed = await owner.RemoveFarmIpAsync(farm.Id, "203.0.113.11/24", Ct);
        Assert.Single(removed.PublicIps);
        var missing = await Refused(() => owner.RemoveFarmIpAsync(farm.Id, "203.0.113.99/24", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task FarmChanges_ByAnotherFarmer_Forbidden()
    {
        var (_, farm) = await FarmAsync();
        var (_, other, otherAccount) = await R.AccountAsync("intruder");
        var expected = $"farm {farm.Id} belongs to account {farm.OwnerId}, not to account {otherAccount.Id} (intruder)";
        foreach (var call in new Func<Task>[]
                 {
                     () => other.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.20/24", "203.0.113.1"), Ct),
                     () => other.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:00:00:01", ""), Ct),
                     () => other.SetBootProfileAsync(farm.Id, new FarmBootProfile("dev", ""), Ct),
                     () => other.RemoveFarmIpAsync(farm.Id, "203.0.113.10/24", Ct),
                 })
        {
            var e = await Refused(call);
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.Equal(expected, e.Detail);
        }
    }

    [Fact]
    public async Task FarmMacs_SetAndResolve_BootAssignmentCombinesArgs()
    {
        var (owner, farm) = await FarmAsync();
        await owner.SetBootProfileAsync(farm.Id, new FarmBootProfile("test", "console=ttyS0"), Ct);
        var updated = await owner.SetFarmMacAsync(farm.Id, new BootMac("52-54-00-AA-BB-CC", "vlan:priv=10"), Ct);
        Assert.Equal([new BootMac("52:54:00:aa:bb:cc", "vlan:priv=10")], updated.Macs);
        var assignment = await R.Client().GetBootAssignmentAsync("525400aabbcc", Ct);
        Assert.Equal(new BootAssignment(farm.Id, "52:54:00:aa:bb:cc", "test", "console=ttyS0 vlan:priv=10"), assignment);
        Assert.Null(await R.Client().GetBootAssignmentAsync("52:54:00:00:00:09", Ct));
        await owner.RemoveFarmMacAsync(farm.Id, "52:54:00:aa:bb:cc", Ct);
        Assert.Null(await R.Client().GetBootAssignmentAsync("52:54:00:aa:bb:cc", Ct));
    }

    [Fact]
    public async Task FarmMacs_BadMacOrOnAnotherFarm_Refused()
    {
        var (owner, farm) = await FarmAsync("macs-a");
        var (owner2, farm2) = await FarmAsync("macs-b");
        var bad = await Refused(() => owner.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:zz:00:01", ""), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["'52:54:00:zz:00:01' is not a MAC address (e.g. 52:54:00:12:34:56)"], bad.FieldErrors["mac"]);
        await owner.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:00:00:01", ""), Ct);
        var taken = await Refused(() => owner2.SetFarmMacAsync(farm2.Id, new BootMac("52:54:00:00:00:01", ""), Ct));
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal([$"MAC 52:54:00:00:00:01 is on the boot list of farm {farm.Id} already"], taken.FieldErrors["mac"]);
    }
}
