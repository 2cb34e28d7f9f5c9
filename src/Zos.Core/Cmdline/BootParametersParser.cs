using System.Globalization;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Core.Cmdline;

/// <summary>
/// Reads <see cref="BootParameters"/> from a kernel command line. Never throws: every malformed value becomes a
/// <see cref="ValidationError"/> whose path is the parameter and whose message quotes the value, and the parameter
/// keeps its default (the original panics in environment.MustGet on a bad farmer_id or vlan, zos-networking.md §8.5).
/// </summary>
public static class BootParametersParser
{
    public const ushort MinVlan = 1;
    public const ushort MaxVlan = 4094;

    public static BootParametersResult Parse(string? cmdline)
    {
        var errors = new List<ValidationError>();
        var raw = KernelCmdline.Parse(cmdline ?? "", out var splitError);
        if (splitError is not null)
            errors.Add(new ValidationError("cmdline", splitError + "; split on spaces instead"));

        var parameters = new BootParameters
        {
            Raw = raw,
            FarmId = ParseFarmId(raw.Last(BootParameters.FarmerIdKey), errors),
            RunMode = ParseRunMode(raw, errors),
            PrivateVlan = ParseVlan(raw, BootParameters.PrivateVlanKey, errors),
            PublicVlan = ParseVlan(raw, BootParameters.PublicVlanKey, errors),
            Registry = ParseRegistry(raw, errors),
            RegistryPublicKey = ParseRegistryPublicKey(raw, errors),
            ManagementMac = ParseManagementMac(raw, errors),
            FarmToken = ParseFarmToken(raw, errors),
            ProbeTargets = ParseProbeTargets(raw, errors),
        };
        CheckPublicMac(raw, errors);
        if (raw.Has(BootParameters.DebugVmKey))
        {
            errors.Add(new ValidationError(BootParameters.DebugVmKey,
                "zos-debug-vm has no effect in Zos: the IPv6 wait of a probe is ipv6WaitSeconds in the node config", ValidationSeverity.Warning));
        }
        return new BootParametersResult(parameters, errors);
    }

    private static uint? ParseFarmId(string? value, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            errors.Add(new ValidationError(BootParameters.FarmerIdKey,
                $"farmer_id={value} is not a farm id: expected a whole number from 1 to {uint.MaxValue}; the node comes up as an orphan"));
            return null;
        }
        if (id == 0)
        {
            errors.Add(new ValidationError(BootParameters.FarmerIdKey,
                "farmer_id=0 is not a farm (farm ids start at 1); the node comes up as an orphan", ValidationSeverity.Warning));
            return null;
        }
        return id;
    }

    private static RunMode? ParseRunMode(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.RunModeKey);
        if (string.IsNullOrEmpty(value))
            return null;
        if (RunModes.TryParse(value, out var mode))
            return mode;
        errors.Add(new ValidationError(BootParameters.RunModeKey,
            $"runmode={value} is not a run mode: expected dev, qa, test or prod (or development, testing, production)"));
        return null;
    }

    private static ushort? ParseVlan(KernelCmdline raw, string key, List<ValidationError> errors)
    {
        var value = raw.Last(key);
        if (string.IsNullOrEmpty(value) || value is "none" or "untagged" or "un")
            return null;
        if (ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var vid) && vid is >= MinVlan and <= MaxVlan)
            return vid;
        errors.Add(new ValidationError(key, $"{key}={value} is not a VLAN id: expected {MinVlan} to {MaxVlan}, or none/untagged/un for no VLAN"));
        return null;
    }

    /// <summary>
    /// Upstream's pub:mac=swap gives the public side the NIC's own MAC (for providers that bind public IPs to it). Zos
    /// does not implement it, so it is refused loudly instead of being accepted and ignored; random is the default.
    /// </summary>
    private static void CheckPublicMac(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.PublicMacKey);
        switch (value)
        {
            case null or "" or "random":
                return;
            case "swap":
                errors.Add(new ValidationError(BootParameters.PublicMacKey,
                    "pub:mac=swap is not supported by Zos: the public side keeps its MAC derived from the node id (pub:mac=random)"));
                return;
            default:
                errors.Add(new ValidationError(BootParameters.PublicMacKey, $"pub:mac={value} is not a public MAC policy: expected random; using random"));
                return;
        }
    }

    private static IReadOnlyList<ProbeTarget>? ParseProbeTargets(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.ProbeKey);
        if (string.IsNullOrEmpty(value))
            return null;
        var targets = new List<ProbeTarget>();
        var bad = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ProbeTarget.TryParse(entry, out var target))
                targets.Add(target);
            else
                bad.Add(entry);
        }
        const string format = "IPV4:PORT, [IPV6]:PORT or IPV6.PORT with a port 1-65535";
        if (targets.Count == 0)
        {
            errors.Add(new ValidationError(BootParameters.ProbeKey, $"zos-probe={value} names no usable target: expected {format}; using the run mode's default targets"));
            return null;
        }
        foreach (var entry in bad)
            errors.Add(new ValidationError(BootParameters.ProbeKey, $"zos-probe= entry '{entry}' is not {format}; left out"));
        return targets;
    }

    private static Uri? ParseRegistry(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.RegistryKey);
        if (string.IsNullOrEmpty(value))
            return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
            return uri;
        errors.Add(new ValidationError(BootParameters.RegistryKey, $"zos-registry={value} is not a registry URL: expected an absolute http:// or https:// URL"));
        return null;
    }

    private static byte[]? ParseRegistryPublicKey(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.RegistryPublicKeyKey);
        if (string.IsNullOrEmpty(value))
            return null;
        if (Contracts.ResponseSigning.TryParseKey(value, out var key))
            return key;
        errors.Add(new ValidationError(BootParameters.RegistryPublicKeyKey,
            $"zos-registry-key={value} is not a registry key: expected base64 of a 32-byte Ed25519 public key; the node pins the key of its first answer instead"));
        return null;
    }

    private static MacAddress? ParseManagementMac(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.ManagementMacKey);
        if (string.IsNullOrEmpty(value))
            return null;
        if (MacAddress.TryParse(value, out var mac) && !mac.IsMulticast && mac != MacAddress.Zero)
            return mac;
        errors.Add(new ValidationError(BootParameters.ManagementMacKey,
            $"zos-mgmt-mac={value} is not a NIC's MAC address: expected six hex bytes of a unicast address, e.g. 52:54:00:12:34:56"));
        return null;
    }

    private static string? ParseFarmToken(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.FarmTokenKey);
        if (string.IsNullOrEmpty(value))
            return null;
        if (Contracts.FarmEnrollmentToken.IsWellFormed(value))
            return value;
        // The value is a secret (or a mistyped one): say what is wrong with it without echoing it.
        errors.Add(new ValidationError(BootParameters.FarmTokenKey,
            $"zos-farm-token= is not a farm enrollment token ({value.Length} characters, starting '{(value.Length > 4 ? value[..4] : value)}'): expected " +
            $"'{Contracts.FarmEnrollmentToken.Prefix}' and {Contracts.FarmEnrollmentToken.EncodedLength} base64url characters, as `zos farm token create` prints; " +
            "the node registers without it and waits for the farmer's approval"));
        return null;
    }
}
