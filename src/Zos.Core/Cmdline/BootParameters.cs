using Zos.Core.Primitives;

namespace Zos.Core.Cmdline;

/// <summary>
/// What a node learns from its kernel command line (zos-networking.md §1.2, boot-and-registry.md §1.3), plus Zos's
/// own parameters zos-registry= (where to register) and zos-mgmt-mac= (the farmer pins the management NIC).
/// Built by <see cref="BootParametersParser"/>, which never throws: bad values are reported and left at defaults.
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
    public const string RegistryPublicKeyKey = Contracts.ResponseSigning.CommandLineKey;

    /// <summary>The farm; null means the node is an orphan (no farmer_id, an empty one, or farm 0).</summary>
    public uint? FarmId { get; init; }

    public bool IsOrphan => FarmId is null;

    /// <summary>runmode= as given; null when absent or malformed.</summary>
    public RunMode? RunMode { get; init; }

    /// <summary>The grid to join: <see cref="RunMode"/>, else prod (the original's default).</summary>
    public RunMode EffectiveRunMode => RunMode ?? Cmdline.RunMode.Prod;

    /// <summary>version= (v3, v3light, v4) as given.</summary>
    public string? Version { get; init; }

    /// <summary>VLAN id (1-4094) tagging management traffic on the zos bridge; null = untagged.</summary>
    public ushort? PrivateVlan { get; init; }

    /// <summary>VLAN id (1-4094) tagging public traffic (single-NIC nodes); null = untagged.</summary>
    public ushort? PublicVlan { get; init; }

    public PublicMacPolicy PublicMac { get; init; } = PublicMacPolicy.Random;

    public bool Debug { get; init; }

    /// <summary>zos-debug-vm: the node runs in a VM (shorter IPv6 wait).</summary>
    public bool DebugVm { get; init; }

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

    /// <summary>The whole command line as split, for parameters this record does not model.</summary>
    public KernelCmdline Raw { get; init; } = KernelCmdline.Empty;
}
