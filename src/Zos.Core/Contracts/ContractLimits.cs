namespace Zos.Core.Contracts;

/// <summary>
/// The caps on what a client may send the registry, in one place: the registry's bounds check
/// (<see cref="Validation.ContractBounds"/>), its per-route body limits and its OpenAPI document all read them from here,
/// so what is refused and what is documented cannot differ. Each cap is far above what a real machine reports and far
/// below what would let one node grow every list answer (a 10 MB version string was once stored and served to all).
/// </summary>
public static class ContractLimits
{
    /// <summary>Base58 of a 32-byte Ed25519 key is at most 44 characters; ids longer than this are no keys at all.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>IFNAMSIZ (linux/if.h) is 16 with the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>"aa:bb:cc:dd:ee:ff" is 17; room for the dash and dot forms and nothing more.</summary>
    public const int MaxMacLength = 32;

    /// <summary>NICs a node may report (a big server has a dozen; VLAN and bridge devices are not reported).</summary>
    public const int MaxInterfaces = 64;

    /// <summary>Addresses per NIC (one IPv4, SLAAC and privacy IPv6 addresses, a few statics).</summary>
    public const int MaxAddressesPerInterface = 32;

    /// <summary>An IPv6 address with a /128 and a zone is under 64 characters.</summary>
    public const int MaxAddressLength = 64;

    /// <summary>CPU threads of one machine.</summary>
    public const int MaxCpuCores = 4096;

    /// <summary>64 TiB of memory in one node.</summary>
    public const long MaxMemoryBytes = 64L << 40;

    /// <summary>Disks of one node.</summary>
    public const int MaxDisks = 64;

    /// <summary>A device name ("nvme0n1") or a by-id name.</summary>
    public const int MaxDiskNameLength = 64;

    /// <summary>1 PiB in one disk (or one array seen as one disk).</summary>
    public const long MaxDiskBytes = 1L << 50;

    /// <summary>A mount point a node reports a disk's space for (real ones are short; PATH_MAX is far more than a Cockpit line needs).</summary>
    public const int MaxMountPointLength = 256;

    /// <summary>A load average: a million runnable threads is beyond any machine.</summary>
    public const double MaxLoadAverage = 1_000_000;

    /// <summary>A software version ("0.1.0", "6.1.0-28-amd64").</summary>
    public const int MaxVersionLength = 64;

    /// <summary>A problem or error line a node reports (per NIC, per network, per report).</summary>
    public const int MaxProblemLength = 512;

    /// <summary>Problem or error lines in one list.</summary>
    public const int MaxProblems = 32;

    /// <summary>Host uptime: 100 years in seconds.</summary>
    public const long MaxUptimeSeconds = 100L * 366 * 24 * 3600;

    /// <summary>Networks one node reports on.</summary>
    public const int MaxReportNetworks = 256;

    /// <summary>Endpoint candidates of one network resource ("203.0.113.5:51820", "[2001:db8::5]:51820").</summary>
    public const int MaxEndpoints = 16;

    /// <summary>"[v6 address%zone]:65535" fits in this.</summary>
    public const int MaxEndpointLength = 64;

    /// <summary>Peers (and so handshakes) of one network resource.</summary>
    public const int MaxHandshakes = 1024;

    /// <summary>A WireGuard public key is 44 characters of base64; a network id 13 of base58.</summary>
    public const int MaxNetworkKeyLength = 64;

    /// <summary>Public IPv4 addresses a farm registers at once (a /22 of them).</summary>
    public const int MaxFarmPublicIps = 1024;

    /// <summary>IPv6 prefixes a farm registers at once.</summary>
    public const int MaxFarmIpv6Prefixes = 16;

    /// <summary>How many characters of a refused value an error message echoes (then "…").</summary>
    public const int MaxEchoLength = 64;

    /// <summary>Body of a signed write unless its route says otherwise: every contract but a node's report fits (a boot server's 100 steps of 300-character details included).</summary>
    public const long DefaultBodyBytes = 64 * 1024;

    /// <summary>Body of <c>PUT /api/v1/nodes/{id}/report</c>: networks with their endpoints and handshakes.</summary>
    public const long ReportBodyBytes = 1024 * 1024;

    /// <summary>Request target (path and query): ids, MACs and names are short; a longer target is refused with 414.</summary>
    public const int MaxRequestTargetLength = 4096;

    /// <summary>
    /// <paramref name="value"/> as an error message may quote it: at most <see cref="MaxEchoLength"/> characters, then
    /// "…" and how long it was, so a 10 MB value does not come back twice in a 20 MB answer.
    /// </summary>
    public static string Echo(string? value) =>
        value is null ? "null"
        : value.Length <= MaxEchoLength ? value
        : string.Concat(value.AsSpan(0, MaxEchoLength), $"… ({value.Length} characters)");
}
