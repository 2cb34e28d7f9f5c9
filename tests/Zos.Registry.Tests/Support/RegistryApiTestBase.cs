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
    /// <summary>A farm of a new account, whose owner lets the test's nodes in (<see cref="TestRegistry.AllowNodesAsync"/>).</summary>
    protected async Task<(RegistryClient Owner, Farm Farm)> FarmAsync(string name = "farm-one")
    {
        var (_, owner, _) = await R.AccountAsync("owner-" + name);
        var farm = await owner.CreateFarmAsync(new FarmCreate(name, [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")], ["2001:db8:1::/48"]), Ct);
        await R.AllowNodesAsync(owner, farm.Id);
        return (owner, farm);
    }

    protected static async Task<RegistryException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RegistryException>(call);
}
