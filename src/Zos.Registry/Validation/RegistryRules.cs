using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Registry.Validation;

/// <summary>
/// Input rules of the registry (boot-and-registry.md §3.2): names, node registrations, farm IPs, public configs.
/// Every rule adds a <see cref="ValidationError"/> naming the field and the value, so one answer lists all problems.
/// </summary>
public static partial class RegistryRules
{
    public static readonly string[] Runmodes = ["prod", "test", "dev", "qa"];

    // \z, not $: "$" also matches before a final "\n", which let "alice\n" sit beside "alice".
    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z")]
    private static partial Regex NameChars();

    [GeneratedRegex(@"^[a-z0-9_.-]+\z")]
    private static partial Regex InterfaceNameChars();

    /// <summary>Farm and account names: 3 to 40 characters of [A-Za-z0-9_-] (tfchain farm.rs).</summary>
    public static void Name(string? name, string path, List<ValidationError> errors, int max = 40)
    {
        if (string.IsNullOrEmpty(name))
            errors.Add(new ValidationError(path, "is required (3 to 40 characters of letters, digits, '_' and '-')"));
        else if (name.Length < 3 || name.Length > max)
            errors.Add(new ValidationError(path, $"'{name}' is {name.Length} characters long; 3 to {max} are allowed"));
        else if (!NameChars().IsMatch(name))
            errors.Add(new ValidationError(path, $"'{name}' may contain only letters, digits, '_' and '-'"));
    }

    /// <summary>A base58 Ed25519 public key (32 bytes).</summary>
    public static void PublicKey(string? key, string path, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(key) || !Base58.TryDecode(key, out var raw) || raw.Length != 32)
            errors.Add(new ValidationError(path, $"'{key}' is not a base58 Ed25519 public key (32 bytes)"));
    }

    /// <summary>A WireGuard public key: base64 of 32 bytes.</summary>
    public static void WireGuardKey(string? key, string path, List<ValidationError> errors)
    {
        var ok = false;
        if (!string.IsNullOrEmpty(key))
        {
            var buffer = new byte[48];
            ok = Convert.TryFromBase64String(key, buffer, out var n) && n == 32;
        }
        if (!ok)
            errors.Add(new ValidationError(path, $"'{key}' is not a WireGuard public key (base64 of 32 bytes)"));
    }

    public static List<ValidationError> Registration(NodeRegistration r)
    {
        var errors = new List<ValidationError>();
        PublicKey(r.NodeId, "nodeId", errors);
        if (r.Interfaces is null)
        {
            errors.Add(new ValidationError("interfaces", "is required"));
        }
        else
        {
            if (r.Interfaces.Count > ContractLimits.MaxInterfaces)
                errors.Add(new ValidationError("interfaces", $"has {r.Interfaces.Count} entries; at most {ContractLimits.MaxInterfaces} are allowed"));
            for (var i = 0; i < r.Interfaces.Count; i++)
            {
                var nic = r.Interfaces[i];
                var p = $"interfaces[{i}]";
                if (string.IsNullOrEmpty(nic.Name) || nic.Name.Length > 15 || !InterfaceNameChars().IsMatch(nic.Name))
                    errors.Add(new ValidationError(p + ".name", $"'{nic.Name}' is not an interface name (1 to 15 characters of [a-z0-9_.-])"));
                if (!MacAddress.TryParse(nic.Mac, out _))
                    errors.Add(new ValidationError(p + ".mac", $"'{nic.Mac}' is not a MAC address (e.g. 52:54:00:12:34:56)"));
                var addresses = nic.Addresses ?? [];
                if (addresses.Count > ContractLimits.MaxAddressesPerInterface)
                    errors.Add(new ValidationError(p + ".addresses", $"has {addresses.Count} entries; at most {ContractLimits.MaxAddressesPerInterface} are allowed"));
                for (var j = 0; j < addresses.Count; j++)
                {
                    if (!IPNetworkText.TryParseInterfaceAddress(addresses[j], out _, out _))
                        errors.Add(new ValidationError($"{p}.addresses[{j}]", $"'{addresses[j]}' is not an address with prefix length (e.g. 10.0.0.5/24)"));
                }
            }
        }
        if (r.Capacity is null)
        {
            errors.Add(new ValidationError("capacity", "is required"));
        }
        else
        {
            if (r.Capacity.CpuCores < 1)
                errors.Add(new ValidationError("capacity.cpuCores", $"{r.Capacity.CpuCores} is below 1"));
            if (r.Capacity.MemoryBytes < 0)
                errors.Add(new ValidationError("capacity.memoryBytes", $"{r.Capacity.MemoryBytes} is negative"));
            var disks = r.Capacity.Disks ?? [];
            for (var i = 0; i < disks.Count; i++)
            {
                if (disks[i].SizeBytes < 0)
                    errors.Add(new ValidationError($"capacity.disks[{i}].sizeBytes", $"{disks[i].SizeBytes} is negative"));
                if (disks[i].Kind is not ("ssd" or "hdd"))
                    errors.Add(new ValidationError($"capacity.disks[{i}].kind", $"'{disks[i].Kind}' is neither 'ssd' nor 'hdd'"));
            }
        }
        if (r.Versions is null || string.IsNullOrWhiteSpace(r.Versions.Zos))
            errors.Add(new ValidationError("versions.zos", "is required"));
        return errors;
    }

    /// <summary>Boot profile: a known runmode and kernel arguments on one line.</summary>
    public static void Boot(FarmBootProfile boot, string path, List<ValidationError> errors)
    {
        if (!Runmodes.Contains(boot.Runmode, StringComparer.Ordinal))
            errors.Add(new ValidationError(path + ".runmode", $"'{boot.Runmode}' is not a runmode; use one of {string.Join(", ", Runmodes)}"));
        KernelArgs(boot.KernelArgs, path + ".kernelArgs", errors);
    }

    /// <summary>Kernel arguments: the rules <c>zos farm check</c> applies too (<see cref="KernelArgumentRules"/>).</summary>
    public static void KernelArgs(string? args, string path, List<ValidationError> errors) => KernelArgumentRules.Check(args, path, errors);

    /// <summary>Normalizes a MAC to lowercase colon form, adding an error when it does not parse.</summary>
    public static string? Mac(string? mac, string path, List<ValidationError> errors)
    {
        if (MacAddress.TryParse(mac, out var parsed))
            return parsed.ToString();
        errors.Add(new ValidationError(path, $"'{mac}' is not a MAC address (e.g. 52:54:00:12:34:56)"));
        return null;
    }

    /// <summary>
    /// A farm public IPv4 with its gateway (tfchain IP4::is_valid) and the farm subnet rules of <see cref="AddressRules"/>,
    /// the same as <c>zos farm check</c>'s. Returns the address when it parsed.
    /// </summary>
    public static InterfaceAddress? FarmIp(FarmIpAdd ip, string path, PublicAddressOptions rules, List<ValidationError> errors) =>
        AddressRules.FarmIpv4(ip.Ip, ip.Gateway, path + "ip", path + "gateway", rules, errors);

    /// <summary>A node public config (tfchain PublicConfig::is_valid), address text strict as everywhere (<see cref="AddressRules"/>).</summary>
    public static List<ValidationError> PublicConfig(PublicConfig config, PublicAddressOptions rules)
    {
        var errors = new List<ValidationError>();
        if (config.Ipv4 is null)
            errors.Add(new ValidationError("ipv4", "is required"));
        else
            AddressAndGateway(config.Ipv4.Address, config.Ipv4.Gateway, AddressFamily.InterNetwork, "ipv4.address", "ipv4.gateway", rules, errors);
        if (config.Ipv6 is not null)
            AddressAndGateway(config.Ipv6.Address, config.Ipv6.Gateway, AddressFamily.InterNetworkV6, "ipv6.address", "ipv6.gateway", rules, errors);
        if (config.Domain is not null)
            PublicConfigRules.ValidateDomain(config.Domain, "domain", errors);
        return errors;
    }

    private static void AddressAndGateway(string? address, string? gateway, AddressFamily family, string addressPath, string gatewayPath,
        PublicAddressOptions rules, List<ValidationError> errors)
    {
        // Strict text first: "x/24 ", "/024" or a trailing newline would otherwise be trimmed here and compared as text elsewhere.
        var strict = (address is null || AddressRules.IsStrictText(address, addressPath, errors))
                     & (gateway is null || AddressRules.IsStrictText(gateway, gatewayPath, errors));
        if (strict)
            PublicConfigRules.ValidateAddressAndGateway(address, gateway, family, addressPath, gatewayPath, rules, errors);
    }
}
