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
            Version = NullIfEmpty(raw.Last(BootParameters.VersionKey)),
            PrivateVlan = ParseVlan(raw, BootParameters.PrivateVlanKey, errors),
            PublicVlan = ParseVlan(raw, BootParameters.PublicVlanKey, errors),
            PublicMac = ParsePublicMac(raw, errors),
            Debug = raw.Has(BootParameters.DebugKey),
            DebugVm = raw.Has(BootParameters.DebugVmKey),
            Registry = ParseRegistry(raw, errors),
            RegistryPublicKey = ParseRegistryPublicKey(raw, errors),
            ManagementMac = ParseManagementMac(raw, errors),
        };
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

    private static PublicMacPolicy ParsePublicMac(KernelCmdline raw, List<ValidationError> errors)
    {
        var value = raw.Last(BootParameters.PublicMacKey);
        switch (value)
        {
            case null or "" or "random":
                return PublicMacPolicy.Random;
            case "swap":
                return PublicMacPolicy.Swap;
            default:
                errors.Add(new ValidationError(BootParameters.PublicMacKey, $"pub:mac={value} is not a public MAC policy: expected random or swap; using random"));
                return PublicMacPolicy.Random;
        }
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

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
