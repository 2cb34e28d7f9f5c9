using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Core.Validation;
using Zos.Node.Bringup;

namespace Zos.Node.Network;

/// <summary>
/// The public part of a network pass, run before the reconcile so WireGuard devices are (re-)created in the right
/// underlay (zos#1759): chooses br-pub's uplink once, then applies, changes or removes the <c>public</c> namespace as
/// <see cref="PublicConfigPlanner"/> decides. A config that breaks a rule or whose gateway does not answer is refused
/// with an error naming the field and the value; what was applied before stays, and nothing is thrown.
/// </summary>
public sealed class PublicConfigApplier(
    IPublicNamespace network,
    AppliedPublicConfigStore store,
    Func<CancellationToken, Task<PublicUplinkChoice>> chooseUplink,
    TimeProvider time)
{
    /// <summary>
    /// The node checks a config with the registry's default rules (documentation ranges accepted, as labs need): the
    /// registry already enforced its own policy, the node only makes sure nothing malformed reaches the kernel.
    /// </summary>
    public static PublicAddressOptions Rules { get; } = PublicAddressOptions.Strict with { AllowDocumentationRanges = true };

    /// <summary>A config refused because its gateway did not answer is probed again after this long (each probe costs seconds of pings).</summary>
    public static TimeSpan RetryRefusedAfter { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The daemon's applier: files in the state directory, the NIC from the node config, probes by the bring-up prober.</summary>
    public static PublicConfigApplier ForNode(OnlineContext context, string nodeId, NetworkKernelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stateDir = context.Setup.Options.StateDirectory;
        var config = context.Setup.Config;
        var detector = new PublicUplinkDetector(
            context.Platform.Links,
            context.Platform.Prober,
            new NicProbeSettings(TimeSpan.FromSeconds(config.CarrierWaitSeconds), config.DhcpProbeTries, TimeSpan.FromSeconds(config.Ipv6WaitSeconds), null),
            config.PhysicalKinds.ToHashSet(StringComparer.Ordinal),
            config.PublicNic,
            new PublicUplinkStore(Path.Combine(stateDir, PublicUplinkStore.FileName)),
            time);
        return new PublicConfigApplier(
            new PublicNamespaceApplier(options with { PublicVlan = context.Setup.Parameters.PublicVlan }, nodeId),
            new AppliedPublicConfigStore(Path.Combine(stateDir, AppliedPublicConfigStore.FileName)),
            detector.ChooseAsync,
            time);
    }

    private PublicConfigState? _state;
    private PublicUplinkChoice? _uplink;

    public async Task<PublicPassResult> EnsureAsync(PublicConfig? desired, CancellationToken ct)
    {
        _state ??= PublicConfigState.AppliedNow(store.Load());
        if (_uplink is null)
        {
            try
            {
                _uplink = await chooseUplink(ct);
                if (_uplink.Kind == PublicUplinkKind.Nic)
                    network.EnsureBridge(_uplink);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A node without br-pub still runs its networks over zos; the next start tries again.
                _uplink = PublicUplinkChoice.SingleNic($"uplink detection failed ({e.Message}): single-NIC");
            }
        }
        var now = time.GetUtcNow();
        var action = PublicConfigPlanner.Decide(_state, desired, network.Exists, Rules, now, RetryRefusedAfter);
        string? error = null;
        switch (action.Kind)
        {
            case PublicConfigActionKind.Remove:
                try
                {
                    await network.ApplyAsync(null, ct);
                    store.Save(null);
                    _state = PublicConfigState.AppliedNow(null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = $"public config not removed: {e.Message}";
                }
                break;
            case PublicConfigActionKind.Apply:
                try
                {
                    network.EnsureBridge(_uplink);
                    await network.ApplyAsync(action.Setup, ct);
                    store.Save(desired);
                    _state = PublicConfigState.AppliedNow(desired);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = e.Message.StartsWith("public config refused", StringComparison.Ordinal) ? e.Message : $"public config not applied: {e.Message}";
                    _state = _state.RefusedNow(desired!, error, now);
                }
                break;
            case PublicConfigActionKind.Refuse:
            case PublicConfigActionKind.KeepRefused:
                error = action.Error;
                break;
        }
        return new PublicPassResult(_state.Applied, _uplink, action.Kind, error);
    }
}
