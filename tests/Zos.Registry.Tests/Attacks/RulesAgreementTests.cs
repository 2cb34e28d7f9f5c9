using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Farms;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// <c>zos farm check</c> (FarmChecker on a farm file) and the registry give the same verdict on the same input: public
/// subnets, IPv6 prefixes and kernel arguments, with <c>--strict</c> against a registry without the lab option and
/// without it against a registry with it (issue 14: the registry took <c>vlan:priv=9999</c> and documentation ranges
/// that <c>farm check --strict</c> refused). Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class RulesAgreementTests : RegistryTestBase
{
    /// <summary>On SQLite.</summary>
    public sealed class Sqlite : RulesAgreementTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>On PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : RulesAgreementTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    // (address with prefix, gateway): the farm file gets the subnet of the address and the gateway.
    private static readonly (string Ip, string Gateway)[] s_ipv4 =
    [
        ("185.69.166.121/24", "185.69.166.1"),
        ("185.69.167.121/31", "185.69.167.120"),
        ("8.8.8.8/1", "8.8.8.1"),
        ("185.69.166.121/15", "185.69.166.1"),
        ("10.0.0.5/24", "10.0.0.1"),
        ("100.64.1.5/24", "100.64.1.1"),
        ("169.254.1.5/24", "169.254.1.1"),
        ("224.1.1.5/24", "224.1.1.1"),
        ("240.1.1.5/24", "240.1.1.1"),
        ("203.0.113.10/24", "203.0.113.1"),
        ("198.51.0.10/16", "198.51.0.1"),
        ("192.0.0.10/24", "192.0.0.1"),
    ];

    private static readonly string[] s_ipv6 =
    [
        "2a02:1802:5e::/48", "2a02:1802:5f::/64", "2a02:1802::/32", "2a02:1802:5e::/96", "fe80::/64", "fd12:3456::/48",
        "2001:db8:1::/48", "2002:c000:204::/48", "2001:2::/48",
    ];

    private static readonly string[] s_kernelArgs =
    [
        "console=ttyS0", "vlan:priv=10", "vlan:priv=9999", "vlan:pub=0", "farmer_id=abc", "zos-registry=ftp://registry.example.org", "pub:mac=swap",
    ];

    [Fact]
    public async Task Strict_FarmCheckAndRegistryWithoutLabOption_Agree() => await CompareAsync(strict: true);

    [Fact]
    public async Task Lab_FarmCheckAndRegistryWithLabOption_Agree() => await CompareAsync(strict: false);

    private async Task CompareAsync(bool strict)
    {
        await using var registry = await TestRegistry.StartAsync(Kind, tune: o => o with { AllowDocumentationRanges = !strict });
        var options = strict ? FarmCheckOptions.Strict : FarmCheckOptions.AllowDocumentationRanges;
        var id = Ed25519Identity.Generate();
        var client = registry.Client(id);
        await client.CreateAccountAsync("agree-farmer", Ct);
        var disagreements = new List<string>();
        var n = 0;
        var (accepted, refused) = (0, 0);

        async Task Compare(string what, string farmFile, string path, FarmCreate create)
        {
            var checkedOk = !FarmChecker.CheckText(farmFile, options).Problems.Any(p => p.IsError && p.Path.StartsWith(path, StringComparison.Ordinal));
            var registryOk = true;
            try
            {
                await client.CreateFarmAsync(create, Ct);
            }
            catch (RegistryException e) when (e.Status == HttpStatusCode.BadRequest)
            {
                registryOk = false;
            }
            if (registryOk)
                accepted++;
            else
                refused++;
            if (checkedOk != registryOk)
                disagreements.Add($"{what}: farm check {(checkedOk ? "accepts" : "refuses")}, the registry {(registryOk ? "accepts" : "refuses")}");
        }

        foreach (var (ip, gateway) in s_ipv4)
        {
            var subnet = Zos.Core.Primitives.InterfaceAddress.Parse(ip).Network;
            await Compare($"public IPv4 {ip} via {gateway}", FarmFile($"  ipv4:\n    - subnet: {subnet}\n      gateway: {gateway}\n"), "public.ipv4[0]",
                new FarmCreate($"agree-{n++}", [new FarmIpAdd(ip, gateway)]));
        }
        foreach (var prefix in s_ipv6)
        {
            await Compare($"IPv6 prefix {prefix}", FarmFile($"  ipv6:\n    - prefix: {prefix}\n"), "public.ipv6[0]",
                new FarmCreate($"agree-{n++}", Ipv6Prefixes: [prefix]));
        }
        foreach (var args in s_kernelArgs)
        {
            await Compare($"kernel arguments '{args}'", FarmFile("  ipv6:\n    - prefix: 2a02:1802:60::/48\n", args), "boot.kernel_args",
                new FarmCreate($"agree-{n++}", Boot: new FarmBootProfile("dev", args)));
        }
        Assert.Empty(disagreements);
        // Both verdicts occur, so agreement is not "both accept everything".
        Assert.True(accepted >= 5 && refused >= 10, $"{accepted} accepted, {refused} refused");
    }

    private static string FarmFile(string publicBlock, string kernelArgs = "console=ttyS0") =>
        $"name: agree-farm\nid: 1\nboot:\n  runmode: dev\n  kernel_args: \"{kernelArgs}\"\npublic:\n{publicBlock}";
}
