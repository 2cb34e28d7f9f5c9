using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Core.Reconcile;
using Zos.Node.Bringup;

namespace Zos.Node.Network;

/// <summary>
/// The network manager as an online phase: once the node is registered it puts the host firewall on, then runs the
/// <see cref="DesiredStatePoller"/> feeding the <see cref="ReconcileLoop"/> (passes of <see cref="ReconcilePass"/> over
/// the real <see cref="NetworkKernel"/>, reports through <see cref="NetworkReportSender"/>), with link and zos address
/// events as triggers. This class only composes them; nothing here stops the daemon.
/// </summary>
/// <param name="faults">A fault a test asked for explicitly (see <see cref="KillBeforeOperation"/>); null on every real node.</param>
public sealed class NetworkManager(NetworkManagerSettings settings, TimeProvider time, IFaultInjector? faults = null) : IOnlinePhase
{
    public string Name => "network";

    public async Task RunAsync(OnlineContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var setup = context.Setup;
        var registry = setup.Registry;
        if (setup.Identity is not { } identity)
        {
            context.Status.Say("network manager: no identity, so no desired state to apply");
            return;
        }
        while (!context.Status.Current.Registered)
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);

        var stateDir = setup.Options.StateDirectory;
        var signer = new RequestSigner(identity, time);
        // The long-poll has its own deadline (wait + margin) in the client; other calls get a plain timeout.
        using var pollHttp = new HttpClient { BaseAddress = registry, Timeout = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(15) };
        var kernelOptions = new NetworkKernelOptions
        {
            WireGuardRuntimeDirectory = Path.Combine(stateDir, NetworkManagerFiles.WireGuardDirectoryName),
        };
        await using var kernel = new NetworkKernel(kernelOptions);
        var loop = new ReconcileLoop(
            new ReconcilePass(new NodeStateStore(Path.Combine(stateDir, NetworkManagerFiles.StateFileName)), kernel, [], faults),
            PublicConfigApplier.ForNode(context, identity.Id, kernelOptions, time),
            kernel,
            new NetworkReportSender(new RegistryClient(http, signer), identity.Id, settings.PeriodicPass, time),
            new NetworkStatusFile(Path.Combine(stateDir, NetworkStatusFile.FileName)),
            context.Status,
            settings,
            time,
            new Random());
        var poller = new DesiredStatePoller(new RegistryClient(pollHttp, signer, setup.Trust), identity.Id, settings, context.Status, time, new Random());
        await ApplyHostFirewallAsync(kernel, context.Status, ct);

        using var watch = context.Platform.Links.WatchAddresses(ZosSetupObserver.Bridge, loop.Trigger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poll = poller.RunAsync(loop.Offer, stop.Token);
        var events = kernel.WatchLinkRemovalsAsync(loop.Trigger,
            reason => context.Status.Say($"network manager: no link events ({reason}); relying on the periodic pass"), stop.Token);
        try
        {
            await loop.RunAsync(ct);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(poll), Quietly(events));
        }
    }

    /// <summary>
    /// The node listens on nothing from the moment it is online, not only once a network exists: the host firewall goes
    /// on before the first desired state is read. A failure is reported and every pass applies it again.
    /// </summary>
    private static async Task ApplyHostFirewallAsync(INetworkKernel kernel, StatusReporter status, CancellationToken ct)
    {
        try
        {
            await kernel.EnsureHostFirewallAsync(WireGuardPorts.None, ct);
            status.Say("network manager: host firewall on (only replies, ICMP echo, DHCP and neighbour discovery get in)");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            status.Say($"network manager: host firewall not applied yet: {e.Message}");
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
