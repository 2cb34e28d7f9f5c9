using Zos.Core.Bringup;
using Zos.Node.Bringup;

namespace Zos.Node.Registration;

/// <summary>
/// Where and how often the node talks to the registry. <see cref="IdentityVolatile"/> goes into every registration:
/// the state directory is in memory, so this node id is gone after the next boot. <see cref="FarmToken"/> is the
/// zos-farm-token= of the command line (the farmer's consent), sent with every registration and never printed.
/// </summary>
public sealed record RegistrationSettings(
    Uri Registry,
    uint? FarmId,
    TimeSpan HeartbeatInterval,
    BackoffPolicy Backoff,
    IReadOnlyList<ConnectivityTarget> Targets,
    TimeSpan ConnectTimeout,
    IReadOnlySet<string> PhysicalKinds,
    bool IdentityVolatile = false,
    string? FarmToken = null);
