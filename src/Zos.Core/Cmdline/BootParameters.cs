using Zos.Core.Primitives;

namespace Zos.Core.Cmdline;

/// <summary>
/// What a node learns from its kernel command line (zos-networking.md §1.2, boot-and-registry.md §1.3), plus Zos's
/// own parameters zos-registry= (where to register), zos-mgmt-mac= (the farmer pins the management NIC), zos-farm-token=
/// (the farmer's enrollment token: the node joins farmer_id's farm without waiting for approval) and zos-probe= (where
/// the route out is proven). Built by <see cref="BootParametersParser"/>, which never throws: bad values are
/// reported and left at defaults. Only what the daemon acts on is modelled: version= (upstream's flist choice) and
/// zos-debug (read by the image's init, a shell on tty2) stay in <see cref="Raw"/>; zos-debug-vm and pub:mac=swap are
/// reported as having no effect or being unsupported (<see cref="BootParametersParser"/>).
/// </summary>
public sealed record BootParameters
{
    public const string FarmerIdKey = "farmer_id";
    public const string RunModeKey = "runmode";
    public const string VersionKey = "version";
    public const string PrivateVlanKey = "vlan:priv";
    public const string PublicVlanKey = "vlan:pub";
    public const string PublicMacKey = "pub:mac";
    public const string DebugKey = "zos-debug";
    public const string DebugVmKey = "zos-debug-vm";
    public const string RegistryKey = "zos-registry";
    public const string ManagementMacKey = "zos-mgmt-mac";
    public const string FarmTokenKey = "zos-farm-token";
    public const string ProbeKey = "zos-probe";
    public const string RegistryPublicKeyKey = Contracts.ResponseSigning.CommandLineKey;

    /// <summary>The farm; null means the node is an orphan (no farmer_id, an empty one, or farm 0).</summary>
    public uint? FarmId { get; init; }

    public bool IsOrphan => FarmId is null;

    /// <summary>runmode= as given; null when absent or malformed.</summary>
    public RunMode? RunMode { get; init; }

    /// <summary>The grid to join: <see cref="RunMode"/>, else prod (the original's default).</summary>
    public RunMode EffectiveRunMode => RunMode ?? Cmdline.RunMode.Prod;

    /// <summary>VLAN id (1-4094) tagging management traffic on the zos bridge; null = untagged.</summary>
    public ushort? PrivateVlan { get; init; }

    /// <summary>VLAN id (1-4094) tagging public traffic on the NIC that carries it (br-pub's NIC, or zos's in single-NIC mode); null = untagged.</summary>
    public ushort? PublicVlan { get; init; }

    /// <summary>zos-probe=ADDR:PORT,...: where the route out is proven; null when absent or every entry was malformed.</summary>
    public IReadOnlyList<ProbeTarget>? ProbeTargets { get; init; }

    /// <summary>The targets of the route-out check: <see cref="ProbeTargets"/>, else the run mode's (<see cref="InternetProbeTargets"/>).</summary>
    public IReadOnlyList<ProbeTarget> EffectiveProbeTargets => ProbeTargets ?? InternetProbeTargets.Default(EffectiveRunMode);

    /// <summary>zos-registry=: the registry's base URL (http or https); null when absent or malformed.</summary>
    public Uri? Registry { get; init; }

    /// <summary>
    /// The registry the node uses: <see cref="Registry"/> when given, else the default of <see cref="EffectiveRunMode"/>
    /// (<see cref="RunModes.DefaultRegistry"/>), so a node never waits for lack of zos-registry=.
    /// </summary>
    public Uri EffectiveRegistry => Registry ?? RunModes.DefaultRegistry(EffectiveRunMode);

    /// <summary>True when <see cref="EffectiveRegistry"/> is the run mode's default, not zos-registry=.</summary>
    public bool RegistryIsDefault => Registry is null;

    /// <summary>
    /// zos-registry-key=: the registry's Ed25519 public key (raw 32 bytes, base64 on the line); the node accepts desired
    /// states and join answers signed by it only. Null when absent or malformed: the node pins the key of its first answer.
    /// </summary>
    public byte[]? RegistryPublicKey { get; init; }

    /// <summary>zos-mgmt-mac=: the NIC to use for management, overriding automatic selection.</summary>
    public MacAddress? ManagementMac { get; init; }

    /// <summary>
    /// zos-farm-token=: a farm enrollment token (<see cref="Contracts.FarmEnrollmentToken"/>) the farmer created for
    /// farmer_id's farm; sent with the registration as the farmer's consent. Null when absent or malformed.
    /// </summary>
    public string? FarmToken { get; init; }

    /// <summary>The whole command line as split, for parameters this record does not model.</summary>
    public KernelCmdline Raw { get; init; } = KernelCmdline.Empty;
}
