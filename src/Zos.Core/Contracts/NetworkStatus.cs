using Zos.Core.Public;

namespace Zos.Core.Contracts;

/// <summary>
/// What the node daemon's network phase last did, kept in <c>network-status.json</c> in the state directory: the
/// desired-state version applied, the last pass, its errors and the registry's last refusal. A contract between the
/// daemon that writes it and its readers (tests, the lab), in <see cref="ContractJson"/>'s format.
/// </summary>
public sealed record NetworkStatus
{
    /// <summary>The desired-state version of the last pass (null before the first document arrived).</summary>
    public long? AppliedVersion { get; init; }

    public DateTimeOffset? LastPassAt { get; init; }

    /// <summary>Kernel operations the last pass carried out (0: nothing to do).</summary>
    public int LastPassOperations { get; init; }

    /// <summary>Passes since the start of the daemon.</summary>
    public long Passes { get; init; }

    /// <summary>Passes in a row that ended with errors (reset by a clean pass); drives the retry backoff.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Errors of the last pass: node-wide ones and "netid: message" per network.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Which WireGuard runs each network's device (netId → <see cref="WireGuardImplementations"/>), as last reported.</summary>
    public IReadOnlyDictionary<string, string> WireGuard { get; init; } = new Dictionary<string, string>();

    /// <summary>Endpoints offered in the last report (host only).</summary>
    public IReadOnlyList<string> EndpointHosts { get; init; } = [];

    /// <summary>br-pub's uplink (kind, NIC, why), once chosen.</summary>
    public PublicUplinkChoice? PublicUplink { get; init; }

    /// <summary>The public config the <c>public</c> namespace holds (null: none; WireGuard listens in the host namespace).</summary>
    public PublicConfig? PublicConfig { get; init; }

    /// <summary>Why the desired public config is not applied (field and value), or null when it is.</summary>
    public string? PublicError { get; init; }

    /// <summary>The version of the last report the registry accepted.</summary>
    public long? ReportedVersion { get; init; }

    /// <summary>The last failure to poll or report (null after a success).</summary>
    public string? RegistryError { get; init; }
}
