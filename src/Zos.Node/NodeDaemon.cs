using Zos.Client;
using Zos.Core.Bringup;
using Zos.Node.Bringup;
using Zos.Node.Measurement;
using Zos.Node.Network;
using Zos.Node.Registration;

namespace Zos.Node;

/// <summary>
/// <c>zos node run</c>: reads its inputs, brings the network up (retrying forever), then runs the online phases
/// (registration and heartbeats, the network manager) until stopped.
/// </summary>
public sealed class NodeDaemon(NodeRunOptions options, Func<NodeSetup, StatusReporter, NodePlatform> platformFactory, TextWriter console, TimeProvider time)
{
    /// <summary>Said once at start when the state directory is in memory (<see cref="NodeRunOptions.VolatileState"/>).</summary>
    public const string VolatileStateNotice = "no ZOS-STATE disk: the state directory is in memory, this node's identity changes at every boot";

    private readonly List<IOnlinePhase> _extraPhases = [];

    /// <summary>Adds a phase that starts once the Internet answers (e.g. the network manager).</summary>
    public NodeDaemon With(IOnlinePhase phase)
    {
        _extraPhases.Add(phase);
        return this;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var status = new StatusReporter(options.StatusFile, console, time);
        using (var self = System.Diagnostics.Process.GetCurrentProcess())
            status.Say($"daemon code reached {(DateTime.Now - self.StartTime).TotalMilliseconds:0} ms after the process started");
        var setup = NodeSetupReader.Read(options);
        var p = setup.Parameters;
        status.Update(s => new BringupStatus
        {
            Phase = BringupPhase.Starting,
            ParameterProblems = setup.Problems,
            NodeId = setup.Identity?.Id,
            FarmId = p.FarmId,
            Orphan = p.IsOrphan,
        });
        foreach (var problem in setup.Problems)
            status.Say($"problem: {problem}");
        if (options.VolatileState)
            status.Say(VolatileStateNotice);
        foreach (var problem in HelperPrograms.Problems(Linux.ProgramLookup.Resolve))
            status.Say($"problem: {problem}");
        status.Say($"node {setup.Identity?.Id ?? "(no identity)"} {(p.IsOrphan ? "orphan (no farmer_id)" : $"farm {p.FarmId}")}; route out proven by {string.Join(" ", setup.Targets)}");
        status.Say(setup.RegistryChoice);
        status.Say(setup.TrustChoice);
        if (setup.Trust is { } trust)
            trust.KeyPinned += key => status.Say($"registry key {key} pinned on first contact (trust on first use); answers signed by another key are refused from now on");

        var platform = platformFactory(setup, status);
        var config = setup.Config;
        var settings = new BringupSettings(
            config.PhysicalKinds.ToHashSet(StringComparer.Ordinal),
            setup.Targets,
            TimeSpan.FromSeconds(config.ConnectTimeoutSeconds),
            config.ProbeSchedule,
            TimeSpan.FromSeconds(config.Ipv6WaitSeconds),
            TimeSpan.FromSeconds(config.LeaseWaitSeconds),
            config.Backoff,
            p.PrivateVlan,
            p.PublicVlan,
            p.ManagementMac)
        {
            Registry = setup.RegistryTarget,
        };
        // Closed from the first packet: the firewall is on before bring-up's first DHCP probe leaves the machine.
        await ApplyHostFirewallAsync(platform, status, ct);
        var runner = new BringupRunner(platform.Links, platform.Prober, platform.LeaseClient, platform.Connectivity, status, settings, time, new Random(),
            platform.NameServers);
        var outcome = await runner.RunAsync(ct);
        await using var leaseClient = outcome.LeaseClient;

        var phases = new List<IOnlinePhase>();
        if (setup.Identity is { } identity)
        {
            phases.Add(new RegistrationPhase(setup.Registry, identity, setup.Trust, time));
            phases.Add(new NetworkManager(NetworkManagerSettings.Default with { Backoff = config.Backoff }, time, FaultsAskedFor(options, status)));
        }
        else
            status.Say("no identity: not registering");
        phases.AddRange(_extraPhases);
        var context = new OnlineContext(platform, outcome, status, setup);
        await Task.WhenAll(phases.Select(phase => RunPhaseAsync(phase, context, status, ct)));
        await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
    }

    /// <summary>
    /// Puts the host firewall on before bring-up. A failure (no nft) is said loudly and bring-up goes on: a node that
    /// never comes online helps nobody, and the network manager applies the firewall again on every pass.
    /// </summary>
    private static async Task ApplyHostFirewallAsync(NodePlatform platform, StatusReporter status, CancellationToken ct)
    {
        if (platform.HostFirewall is not { } firewall)
            return;
        try
        {
            await firewall.ApplyAsync(ct);
            status.Say("host firewall on before bring-up (only replies, DHCP, ICMP and neighbour discovery get in)");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            status.Say($"problem: host firewall not applied before bring-up: {e.Message}");
        }
    }

    /// <summary>The fault a test asked for on the command line (<see cref="NodeRunOptions.KillBeforeOperation"/>), said loudly; null on every real node.</summary>
    private static IFaultInjector? FaultsAskedFor(NodeRunOptions options, StatusReporter status)
    {
        if (options.KillBeforeOperation is not { } n)
            return null;
        status.Say($"test fault injection: {KillBeforeOperation.Option} {n}: the daemon kills itself before kernel operation {n}");
        return new KillBeforeOperation(n);
    }

    private static async Task RunPhaseAsync(IOnlinePhase phase, OnlineContext context, StatusReporter status, CancellationToken ct)
    {
        try
        {
            await phase.RunAsync(context, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            // A failing phase must not take the network (or the other phases) down with it.
            status.Say($"phase {phase.Name} stopped: {e.Message}");
        }
    }

    /// <summary>Registration and heartbeats as an online phase.</summary>
    private sealed class RegistrationPhase(Uri registry, Ed25519Identity identity, RegistryTrust? trust, TimeProvider time) : IOnlinePhase
    {
        public string Name => "registration";

        public async Task RunAsync(OnlineContext context, CancellationToken ct)
        {
            var config = context.Setup.Config;
            using var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(15) };
            var client = new RegistryClient(http, new RequestSigner(identity, time), trust);
            var settings = new RegistrationSettings(
                registry,
                context.Setup.Parameters.FarmId,
                TimeSpan.FromSeconds(config.HeartbeatIntervalSeconds),
                config.Backoff,
                context.Setup.Targets,
                TimeSpan.FromSeconds(config.ConnectTimeoutSeconds),
                config.PhysicalKinds.ToHashSet(StringComparer.Ordinal),
                context.Setup.Options.VolatileState,
                context.Setup.Parameters.FarmToken);
            var registrar = new NodeRegistrar(client, identity.Id, context.Platform.Links, context.Platform.Connectivity, context.Bringup.Lease,
                context.Status, new HostFactsReader(), settings, time, new Random(), new UsageReader(time));
            await registrar.RunAsync(ct);
        }
    }
}
