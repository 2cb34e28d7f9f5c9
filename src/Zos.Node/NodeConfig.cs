using Zos.Node.Bringup;
using Zos.Core.Bringup;

namespace Zos.Node;

/// <summary>
/// Settings of <c>zos node run</c> from the optional config file (JSON or YAML, camelCase keys). Defaults suit a real
/// node; the lab sets <see cref="PhysicalKinds"/> to ["veth"] because its NICs are veth pairs.
/// </summary>
public sealed record NodeConfig
{
    /// <summary>Link kinds that count as physical NICs ("device" = no rtnetlink kind, i.e. real hardware).</summary>
    public string[] PhysicalKinds { get; init; } = ["device"];

    /// <summary>
    /// host:port pairs ([v6]:port for IPv6) that prove the route out (any answer, a TCP reset included); zos-probe= on
    /// the kernel command line wins over them; empty = the run mode's Internet targets (InternetProbeTargets). Never
    /// the registry: a registry outage is not a network fault.
    /// </summary>
    public string[] ConnectivityTargets { get; init; } = [];

    public double ConnectTimeoutSeconds { get; init; } = 2;

    public double HeartbeatIntervalSeconds { get; init; } = 30;

    /// <summary>How long the first probe round waits for carrier after bringing a NIC up; doubles per failed round (ProbeSchedule).</summary>
    public double CarrierWaitSeconds { get; init; } = ProbeSchedule.Default.InitialCarrierWait.TotalSeconds;

    /// <summary>The longest carrier wait of a later round (PHYs take 2-5 s to train; a port may come up late).</summary>
    public double MaxCarrierWaitSeconds { get; init; } = ProbeSchedule.Default.MaxCarrierWait.TotalSeconds;

    /// <summary>DISCOVER rounds of the first probe round (udhcpc -t, 1 s each); 2 tolerates one lost packet. Later rounds try longer.</summary>
    public int DhcpProbeTries { get; init; } = ProbeSchedule.Default.InitialDhcpTries;

    /// <summary>
    /// The longest a later round listens for a DHCP offer: beyond spanning tree's listening and learning (2 × forward
    /// delay, 30 s by default), so a node behind such a switch port gets its offer within one round.
    /// </summary>
    public double MaxDhcpWindowSeconds { get; init; } = ProbeSchedule.Default.MaxDhcpWindow.TotalSeconds;

    /// <summary>The probe rounds' waits from the four settings above.</summary>
    public ProbeSchedule ProbeSchedule => new(
        TimeSpan.FromSeconds(CarrierWaitSeconds), TimeSpan.FromSeconds(MaxCarrierWaitSeconds), DhcpProbeTries, TimeSpan.FromSeconds(MaxDhcpWindowSeconds));

    /// <summary>
    /// How long a probe of a NIC without a DHCP lease waits for an RA default route and a SLAAC address. A router
    /// answers a solicitation after up to 0.5 s and sends multicast RAs at most every 3 s (RFC 4861 §6.2.6,
    /// MAX_RA_DELAY_TIME, MIN_DELAY_BETWEEN_RAS), so less than 3.5 s can miss the RA of a working IPv6-only LAN.
    /// </summary>
    public double Ipv6WaitSeconds { get; init; } = 4;

    /// <summary>How long bring-up waits for the DHCP client on zos to apply a lease.</summary>
    public double LeaseWaitSeconds { get; init; } = 10;

    /// <summary>
    /// The NIC the farmer gives br-pub (dual-NIC), or "zos" for single-NIC mode; null: detected (a second NIC that
    /// gets a public IPv6 by RA or a public IPv4 by DHCP), else single-NIC.
    /// </summary>
    public string? PublicNic { get; init; }

    public double BackoffInitialSeconds { get; init; } = BackoffPolicy.Default.Initial.TotalSeconds;

    public double BackoffMultiplier { get; init; } = BackoffPolicy.Default.Multiplier;

    public double BackoffMaxSeconds { get; init; } = BackoffPolicy.Default.Max.TotalSeconds;

    public double BackoffJitter { get; init; } = BackoffPolicy.Default.Jitter;

    public BackoffPolicy Backoff => new(TimeSpan.FromSeconds(BackoffInitialSeconds), BackoffMultiplier, TimeSpan.FromSeconds(BackoffMaxSeconds), BackoffJitter);

    /// <summary>Every problem of this config, each naming the key and the value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PhysicalKinds.Length == 0)
            errors.Add("physicalKinds must list at least one link kind (e.g. device), got an empty list");
        foreach (var target in ConnectivityTargets)
        {
            if (!ConnectivityTarget.TryParse(target, out _))
                errors.Add($"connectivityTargets: '{target}' is not host:port or [ipv6]:port");
        }
        Positive(errors, "connectTimeoutSeconds", ConnectTimeoutSeconds);
        Positive(errors, "heartbeatIntervalSeconds", HeartbeatIntervalSeconds);
        Positive(errors, "carrierWaitSeconds", CarrierWaitSeconds);
        Positive(errors, "maxCarrierWaitSeconds", MaxCarrierWaitSeconds);
        Positive(errors, "maxDhcpWindowSeconds", MaxDhcpWindowSeconds);
        Positive(errors, "ipv6WaitSeconds", Ipv6WaitSeconds);
        Positive(errors, "leaseWaitSeconds", LeaseWaitSeconds);
        if (DhcpProbeTries is < 1 or > 30)
            errors.Add($"dhcpProbeTries must be between 1 and 30, got {DhcpProbeTries}");
        // IFNAMSIZ is 16 with the NUL (linux/if.h); '/' and whitespace are refused by dev_valid_name().
        if (PublicNic is { } nic && (nic.Length is 0 or > 15 || nic.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c))))
            errors.Add($"publicNic must be an interface name of 1 to 15 characters without '/', ':' or spaces, got '{nic}'");
        if (errors.Count == 0)
            errors.AddRange(ProbeSchedule.Validate().Where(e => !e.StartsWith("dhcpProbeTries", StringComparison.Ordinal)));
        errors.AddRange(Backoff.Validate());
        return errors;
    }

    private static void Positive(List<string> errors, string key, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            errors.Add($"{key} must be a positive number of seconds, got {value}");
    }
}
