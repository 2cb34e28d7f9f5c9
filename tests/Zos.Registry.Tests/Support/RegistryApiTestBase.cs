using Xunit;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Registry.Tests.Support;

/// <summary>
/// What the API suites share. Each area's suite is an abstract class that nests a <c>Sqlite</c> and a <c>Postgres</c>
/// variant, so every API test runs once per store.
/// </summary>
public abstract class RegistryApiTestBase : RegistryTestBase
{
    // A public subnet and prefix belong to one farm: the n-th farm of a test gets the n-th documentation block.
    private static readonly string[] s_subnets = ["203.0.113", "198.51.100", "192.0.2"];
    private int _farms;

    /// <summary>A farm of a new account, whose owner lets the test's nodes in (<see cref="TestRegistry.AllowNodesAsync"/>), with one public IP (203.0.113.10/24 for a test's first farm, then 198.51.100.10/24, 192.0.2.10/24) and a /48 (2001:db8:1::/48, :2::, :3::).</summary>
    protected async Task<(RegistryClient Owner, Farm Farm)> FarmAsync(string name = "farm-one")
    {
        var (_, owner, _) = await R.AccountAsync("owner-" + name);
        var n = _farms++;
        var subnet = s_subnets[n % s_subnets.Length];
        var farm = await owner.CreateFarmAsync(new FarmCreate(name, [new FarmIpAdd($"{subnet}.10/24", $"{subnet}.1")], [$"2001:db8:{n + 1}::/48"]), Ct);
        await R.AllowNodesAsync(owner, farm.Id);
        return (owner, farm);
    }

    protected static async Task<RegistryException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RegistryException>(call);
}
