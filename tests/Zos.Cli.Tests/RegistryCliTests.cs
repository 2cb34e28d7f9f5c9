using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Linux.WireGuard;

namespace Zos.Cli.Tests;

/// <summary>The registry verbs of the CLI against a real `zos registry serve`.</summary>
public sealed class RegistryCliTests : IDisposable
{
    private readonly RegistryProcess _registry = new();

    public void Dispose() => _registry.Dispose();

    private T Json<T>(params string[] args)
    {
        var r = _registry.Zos(args);
        Assert.True(r.ExitCode == 0, $"zos {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
        return JsonSerializer.Deserialize<T>(r.StdOut, ContractJson.Options)!;
    }

    [Fact]
    public async Task AccountFarmNetworkJoin_EndToEnd_KeysStayLocal()
    {
        await _registry.StartAsync();
        var account = Json<Account>("account", "create", "alice");
        Assert.Equal("alice", account.Name);
        var keyFile = Path.Combine(_registry.ConfigDir, "account.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        var farm = Json<Farm>("farm", "create", "farm-cli", "--runmode", "test");
        Assert.Equal("test", farm.Boot.Runmode);
        var withIp = Json<Farm>("farm", "ip", "add", farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "203.0.113.10/24", "--gateway", "203.0.113.1");
        Assert.Single(withIp.PublicIps);
        var withMac = Json<Farm>("farm", "mac", "add", farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "52-54-00-AA-00-01", "--kernel-args", "vlan:priv=10");
        Assert.Equal([new BootMac("52:54:00:aa:00:01", "vlan:priv=10")], withMac.Macs);

        var net = Json<Network>("network", "create", "office", "--range", "10.20.0.0/16");
        // No node member has reported yet: joined, but no access node to put in a wg-quick file.
        // Nothing on stdout and a non-zero exit, so `zos network join ... > wg0.conf` does not pass for a configuration.
        var join = _registry.Zos("network", "join", net.NetId, "laptop");
        Assert.Equal(ExitCodes.NotReady, join.ExitCode);
        Assert.Contains("the mesh is not ready yet: no member node has reported a public endpoint yet", join.StdErr);
        Assert.Equal("", join.StdOut);
        var keyPath = Path.Combine(_registry.ConfigDir, $"wg-{net.NetId}-laptop.key");
        var privateKey = File.ReadAllText(keyPath).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        var shown = Json<Network>("network", "show", net.NetId);
        var member = Assert.Single(shown.Members);
        Assert.Equal("laptop", member.Id);
        Assert.NotEqual(privateKey, member.PublicKey);
        Assert.Equal(WireGuardKeyPair.FromPrivateKey(WireGuardKey.FromBase64(privateKey)).PublicKey.ToBase64(), member.PublicKey);

        // Joining again keeps the key (the registry answers the member's current configuration instead of refusing).
        var again = _registry.Zos("network", "join", net.NetId, "laptop");
        Assert.Equal(ExitCodes.NotReady, again.ExitCode);
        Assert.Equal(privateKey, File.ReadAllText(keyPath).Trim());
        Assert.Equal(member.PublicKey, Assert.Single(Json<Network>("network", "show", net.NetId).Members).PublicKey);
    }

    [Fact]
    public async Task FarmIpAdd_PrivateAddress_ExitInvalidWithFieldErrors()
    {
        await _registry.StartAsync();
        Json<Account>("account", "create", "bob");
        var farm = Json<Farm>("farm", "create", "farm-bad");
        var r = _registry.Zos("farm", "ip", "add", farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "10.0.0.5/24", "--gateway", "10.0.0.1");
        Assert.Equal(ExitCodes.Invalid, r.ExitCode);
        Assert.Contains("  ip: 10.0.0.5 is ", r.StdErr);
        Assert.Contains("  gateway: 10.0.0.1 is ", r.StdErr);
    }

    [Fact]
    public void AnyRegistryVerb_NoRegistryGiven_UsageError()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { RegistryProcess.ZosDll, "node", "list" })
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("ZOS_REGISTRY");
        psi.Environment["ZOS_CONFIG_DIR"] = _registry.ConfigDir;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(ExitCodes.Usage, p.ExitCode);
        Assert.Equal("zos: error: no registry given: pass --registry URL or set ZOS_REGISTRY (e.g. http://127.0.0.1:8080)", err.Trim());
    }
    [Fact]
    public async Task FarmTokenNodeApproveRemoveDelete_TheFarmerDecidesWhoIsIn()
    {
        await _registry.StartAsync();
        Json<Account>("account", "create", "farmer");
        var farm = Json<Farm>("farm", "create", "farm-consent");
        var farmId = farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // A token: the secret once on stdout (with a hint on stderr), never in the listing.
        var create = _registry.Zos("farm", "token", "create", farmId);
        Assert.True(create.ExitCode == 0, create.StdErr);
        Assert.Contains("shown this once", create.StdErr, StringComparison.Ordinal);
        var created = JsonSerializer.Deserialize<FarmTokenCreated>(create.StdOut, ContractJson.Options)!;
        Assert.True(FarmEnrollmentToken.IsWellFormed(created.Secret));
        var list = _registry.Zos("farm", "token", "list", farmId);
        Assert.DoesNotContain(created.Secret, list.StdOut, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _registry.Url };
        async Task<(Ed25519Identity Id, NodeView View)> NodeAsync(string mac, string? token)
        {
            var id = Ed25519Identity.Generate();
            var view = await new RegistryClient(http, new RequestSigner(id, TimeProvider.System)).RegisterNodeAsync(new NodeRegistration(id.Id, farm.Id,
                [new InterfaceInfo("eth0", mac, ["10.1.0.5/24"])], new NodeCapacity(2, 4L << 30, []), new NodeVersions("0.1.0", "6.1"), "eth0", FarmToken: token));
            return (id, view);
        }
        var (withToken, joined) = await NodeAsync("52:54:00:c1:00:01", created.Secret);
        Assert.Equal(farm.Id, joined.FarmId);
        var (stranger, waiting) = await NodeAsync("52:54:00:c1:00:02", null);
        Assert.Equal(EnrollmentState.Pending, waiting.Enrollment?.State);
        Assert.Equal([stranger.Id], Json<List<NodeView>>("farm", "node", "pending", farmId).Select(n => n.Id));

        Assert.Equal(farm.Id, Json<NodeView>("farm", "node", "approve", farmId, stranger.Id).FarmId);
        Assert.Empty(Json<List<NodeView>>("farm", "node", "pending", farmId));
        var revoked = Json<FarmToken>("farm", "token", "revoke", farmId, created.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(revoked.Revoked);
        Assert.Equal(1, revoked.Uses);

        // Not empty: refused with the nodes named; empty after removing them: deleted.
        var busy = _registry.Zos("farm", "delete", farmId);
        Assert.Equal(ExitCodes.Conflict, busy.ExitCode);
        Assert.Contains(withToken.Id, busy.StdErr, StringComparison.Ordinal);
        Assert.Contains("409", busy.StdErr, StringComparison.Ordinal);
        foreach (var node in new[] { withToken.Id, stranger.Id })
            Assert.Equal(0, _registry.Zos("farm", "node", "remove", farmId, node).ExitCode);
        var deleted = _registry.Zos("farm", "delete", farmId);
        Assert.True(deleted.ExitCode == 0, deleted.StdErr);
        Assert.Equal(ExitCodes.NotFound, _registry.Zos("farm", "show", farmId).ExitCode);
    }
}
