using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile.Operations;
using Zos.Linux.WireGuard;

namespace Zos.Node.Tests.Network;

/// <summary>The reconcile loop over a fake kernel port and fake time: retries, drift and report de-duplication, without root.</summary>
public sealed class ReconcileLoopTests : IAsyncDisposable
{
    private static readonly TimeSpan Periodic = LoopUnderTest.Settings.PeriodicPass;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private readonly LoopUnderTest _node = new();
    private readonly NetId _id = NetId.Derive("alice", "net");
    private readonly string _peer = WireGuardKeyPair.Generate().PublicKey.ToBase64();

    private DesiredState Desired(long version) => new("node", version, 1, null,
        [new NetworkPart(_id.Value, "net", "10.20.0.0/16", "10.20.3.0/24", 0, [new PeerSpec(_peer, ["10.20.4.0/24"], "198.51.100.9:51820", null)])]);

    private static string Text(NodeReport report) => JsonSerializer.Serialize(report, ContractJson.Options);

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task Run_ApplyFails_RetriedAfterBackoffThenClean()
    {
        _node.Kernel.FailOnce(op => op is ApplyFirewall, "nft: refused (test)");

        var wait = await _node.FirstPassAsync(Desired(1));

        Assert.Equal(FirstRetry, wait);
        Assert.Equal(1, _node.Loop.Status.ConsecutiveFailures);
        Assert.Contains(_node.Loop.Status.Errors, e => e.StartsWith($"{_id}: ApplyFirewall {_id} n-{_id}: nft: refused (test)", StringComparison.Ordinal));
        var refused = Assert.Single(_node.Registry.Reports);
        Assert.Contains("nft: refused (test)", Assert.Single(Assert.Single(refused.Networks).Errors), StringComparison.Ordinal);

        var after = await _node.TimedPassAsync(wait);

        Assert.Equal(Periodic, after);
        Assert.IsType<ApplyFirewall>(_node.Kernel.Applied[^1]);
        var status = _node.Loop.Status;
        Assert.Equal(1, status.LastPassOperations);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Empty(status.Errors);
        Assert.Equal(2, status.Passes);
        Assert.Empty(Assert.Single(_node.Registry.Reports[1].Networks).Errors);
        Assert.Equal(JsonSerializer.Serialize(status, ContractJson.Options), JsonSerializer.Serialize(_node.StatusFile.Read(), ContractJson.Options));
    }

    [Fact]
    public async Task Run_ReportRefused_RetriedAfterBackoffThenHeld()
    {
        _node.Registry.Refusing = true;

        var wait = await _node.FirstPassAsync(Desired(1));

        Assert.Equal(FirstRetry, wait);
        Assert.StartsWith("report: registry refused PUT", _node.Loop.Status.RegistryError, StringComparison.Ordinal);
        Assert.Null(_node.Loop.Status.ReportedVersion);
        _node.Registry.Refusing = false;

        var after = await _node.TimedPassAsync(wait);

        Assert.Equal(Periodic, after);
        Assert.Equal(0, _node.Loop.Status.LastPassOperations);
        Assert.Null(_node.Loop.Status.RegistryError);
        Assert.Equal(1, _node.Loop.Status.ReportedVersion);
        Assert.Single(_node.Registry.Reports);
    }

    [Fact]
    public async Task Run_KernelChangedBehindOurBack_PeriodicPassRepairsThenNothingToDo()
    {
        var wait = await _node.FirstPassAsync(Desired(1));
        Assert.Equal(Periodic, wait);
        var built = _node.Kernel.Applied.Count;
        _node.Kernel.Change(_id.Value, r => r with
        {
            Routes = [.. r.Routes.Where(route => route.Device != _id.WireGuardName)],
            FirewallCurrent = false,
        });

        wait = await _node.TimedPassAsync(wait);

        Assert.Equal([typeof(AddRoute), typeof(ApplyFirewall)], _node.Kernel.Applied.Skip(built).Select(o => o.GetType()));
        Assert.Equal("10.20.0.0/16", Assert.IsType<AddRoute>(_node.Kernel.Applied[built]).Route.Destination.ToString());
        Assert.Equal(0, _node.Loop.Status.ConsecutiveFailures);

        Assert.Equal(Periodic, await _node.TimedPassAsync(wait));
        Assert.Equal(0, _node.Loop.Status.LastPassOperations);
        Assert.Equal(3, _node.Loop.Status.Passes);
    }

    [Fact]
    public async Task Run_SameReportAfterATrigger_NotSentAgain()
    {
        await _node.FirstPassAsync(Desired(1));

        await _node.TriggeredPassAsync();

        Assert.Equal(2, _node.Loop.Status.Passes);
        Assert.Equal(0, _node.Loop.Status.LastPassOperations);
        Assert.Single(_node.Registry.Reports);
        Assert.Equal(1, _node.Loop.Status.ReportedVersion);
    }

    [Fact]
    public async Task Run_WireGuardImplementation_ReportedKeptInStatusAndSaidOncePerChange()
    {
        _node.Kernel.Implementation = WireGuardImplementations.Kernel;
        await _node.FirstPassAsync(Desired(1));
        await _node.TriggeredPassAsync();

        Assert.Equal(WireGuardImplementations.Kernel, Assert.Single(Assert.Single(_node.Registry.Reports).Networks).WireGuard);
        Assert.Equal(WireGuardImplementations.Kernel, _node.Loop.Status.WireGuard[_id.Value]);
        Assert.Equal(1, Count(_node.Console.ToString(), $"{_id.Value}: WireGuard on the kernel module"));

        // The device re-created on wireguard-go (say the module was unloaded): said once, reported, kept.
        _node.Kernel.Implementation = WireGuardImplementations.WireGuardGo;
        await _node.TriggeredPassAsync();
        await _node.TriggeredPassAsync();

        Assert.Equal(WireGuardImplementations.WireGuardGo, _node.Registry.Reports[^1].Networks.Single().WireGuard);
        Assert.Equal(WireGuardImplementations.WireGuardGo, _node.StatusFile.Read()!.WireGuard[_id.Value]);
        Assert.Equal(1, Count(_node.Console.ToString(), $"{_id.Value}: WireGuard on wireguard-go (the kernel has no wireguard module)"));
    }

    private static int Count(string text, string line) => text.Split(line).Length - 1;

    [Fact]
    public async Task Run_ChangedReport_Sent()
    {
        await _node.FirstPassAsync(Desired(1));

        _node.Loop.Offer(Desired(2));
        await _node.DebouncedPassAsync();

        Assert.Equal([1L, 2L], _node.Registry.Reports.Select(r => r.AppliedVersion));
        Assert.Equal(2, _node.Loop.Status.ReportedVersion);
    }

    [Fact]
    public async Task Run_UnchangedReport_SentAgainAtThePeriodicPass()
    {
        var wait = await _node.FirstPassAsync(Desired(1));

        await _node.TimedPassAsync(wait);

        Assert.Equal(2, _node.Registry.Reports.Count);
        Assert.Equal(Text(_node.Registry.Reports[0]), Text(_node.Registry.Reports[1]));
    }
}
