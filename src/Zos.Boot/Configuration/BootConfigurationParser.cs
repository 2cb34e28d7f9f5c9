using System.Globalization;
using System.Net;
using System.Net.Sockets;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using Zos.Core.Primitives;
using Zos.Core.Validation;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Configuration;

/// <summary>Reads and validates a boot configuration document; reports every problem at once.</summary>
public static class BootConfigurationParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>
    /// Parses YAML or JSON text; <paramref name="source"/> names it in errors; <paramref name="defaults"/> fills what
    /// the boot server's own options add (image files, registry).
    /// </summary>
    public static BootConfiguration Parse(string text, string source, BootServerDefaults? defaults = null)
    {
        BootConfigurationDocument? document;
        try
        {
            document = Deserializer.Deserialize<BootConfigurationDocument>(text);
        }
        catch (YamlException e)
        {
            throw new BootConfigurationException(source, [new ValidationError($"line {e.Start.Line}", (e.InnerException ?? e).Message)]);
        }
        return Validate(document ?? new BootConfigurationDocument(), source, defaults);
    }

    internal static BootConfiguration Validate(BootConfigurationDocument document, string source, BootServerDefaults? defaults = null)
    {
        defaults ??= BootServerDefaults.None;
        var errors = new List<ValidationError>();
        uint farmId = 0;
        if (document.FarmId is null)
            errors.Add(new("farmId", "missing (the farm these nodes boot into, a positive integer)"));
        else if (!uint.TryParse(document.FarmId, NumberStyles.None, CultureInfo.InvariantCulture, out farmId) || farmId == 0)
            errors.Add(new("farmId", $"'{document.FarmId}' is not a positive integer"));

        var profile = document.Profile;
        if (profile is null)
        {
            errors.Add(new("profile", "missing (runmode and kernel)"));
        }
        else
        {
            if (!ZosRunmode.IsKnown(profile.Runmode))
                errors.Add(new("profile.runmode", $"'{profile.Runmode}' is not a runmode (expected one of {string.Join(", ", ZosRunmode.All)})"));
            profile.Kernel ??= defaults.Kernel;
            profile.Initrd ??= defaults.Initrd;
            if (string.IsNullOrEmpty(profile.Kernel))
                errors.Add(new("profile.kernel", "missing (a file in the kernel directory, or an http(s) URL)"));
            else if (KernelProblem(profile.Kernel) is { } kernel)
                errors.Add(new("profile.kernel", kernel));
            if (profile.Initrd is not null && KernelProblem(profile.Initrd) is { } initrd)
                errors.Add(new("profile.initrd", initrd));
            CheckArgs(profile.Args, "profile.args", errors);
        }
        var retries = ParseInt(profile?.Retries, "profile.retries", 3, 1, 100, errors);
        var delay = ParseInt(profile?.FailureDelaySeconds, "profile.failureDelaySeconds", 20, 0, 3600, errors);

        var policy = UnknownMacPolicy.Ignore;
        switch (document.UnknownMacs)
        {
            case null or "ignore":
                break;
            case "orphan":
                policy = UnknownMacPolicy.Orphan;
                break;
            default:
                errors.Add(new("unknownMacs", $"'{document.UnknownMacs}' is not a policy (expected ignore or orphan)"));
                break;
        }

        var nodes = new List<BootNode>();
        var seen = new Dictionary<MacAddress, int>();
        var reserved = new Dictionary<IPAddress, int>();
        for (var i = 0; i < (document.Nodes?.Count ?? 0); i++)
        {
            var node = document.Nodes![i];
            var path = $"nodes[{i}]";
            if (node is null)
            {
                errors.Add(new(path, "empty entry"));
                continue;
            }
            if (!MacAddress.TryParse(node.Mac, out var mac))
            {
                errors.Add(new($"{path}.mac", node.Mac is null ? "missing" : $"'{node.Mac}' is not a MAC address"));
                continue;
            }
            if (mac.IsMulticast)
                errors.Add(new($"{path}.mac", $"'{node.Mac}' is a multicast address, not a NIC's"));
            if (seen.TryGetValue(mac, out var first))
                errors.Add(new($"{path}.mac", $"'{node.Mac}' is already listed at nodes[{first}]"));
            else
                seen[mac] = i;
            CheckArgs(node.Args, $"{path}.args", errors);
            IPAddress? ip = null;
            if (node.ManagementIp is not null)
            {
                if (!IPAddress.TryParse(node.ManagementIp, out ip) || ip.AddressFamily != AddressFamily.InterNetwork)
                {
                    errors.Add(new($"{path}.managementIp", $"'{node.ManagementIp}' is not an IPv4 address"));
                    ip = null;
                }
                else if (reserved.TryGetValue(ip, out var other))
                {
                    errors.Add(new($"{path}.managementIp", $"'{node.ManagementIp}' is already reserved for nodes[{other}]"));
                }
                else
                {
                    reserved[ip] = i;
                }
            }
            nodes.Add(new BootNode { Mac = mac, Name = node.Name, Args = node.Args ?? [], ManagementIp = ip });
        }

        var dhcp = document.Dhcp is null ? null : ParseDhcp(document.Dhcp, errors);
        var serverArguments = new List<string>();
        // The boot server's own --registry wins over the file's: it is what the operator typed for this run.
        if ((defaults.RegistryUrl ?? document.Registry) is { } registry)
        {
            if (IpxeSafeText.UrlProblem(registry) is { } problem)
                errors.Add(new("registry", problem));
            else
                serverArguments.Add($"zos-registry={registry}");
        }
        // The farmer's consent for nodes the registry's MAC list does not name; the option wins over the file, as --registry does.
        if ((defaults.FarmToken ?? document.FarmToken) is { } token)
        {
            if (FarmTokenFile.Problem(token) is { } problem)
                errors.Add(new("farmToken", $"the farm token {problem}"));
            else
                serverArguments.Add(FarmTokenFile.Argument(token));
        }
        // The key that signs what the node applies: with it on the command line the node trusts no other (issue 14).
        if (defaults.RegistryKey is { } key)
        {
            if (!Core.Contracts.ResponseSigning.TryParseKey(key, out _))
                errors.Add(new("registryKey", $"'{key}' is not a registry key: expected base64 of a 32-byte Ed25519 public key"));
            else
                serverArguments.Add($"{Core.Contracts.ResponseSigning.CommandLineKey}={key}");
        }
        for (var i = 0; i < defaults.Arguments.Count; i++)
        {
            if (IpxeSafeText.ArgumentProblem(defaults.Arguments[i]) is { } problem)
                errors.Add(new($"serverArgs[{i}]", problem));
            else
                serverArguments.Add(defaults.Arguments[i]);
        }
        if (errors.Count > 0)
            throw new BootConfigurationException(source, errors);
        return new BootConfiguration
        {
            FarmId = farmId,
            Profile = new IpxeBootProfile
            {
                Runmode = profile!.Runmode!,
                Kernel = profile.Kernel!,
                Initrd = profile.Initrd,
                Args = profile.Args ?? [],
                Retries = retries,
                FailureDelaySeconds = delay,
            },
            UnknownMacs = policy,
            Nodes = nodes,
            Dhcp = dhcp,
            ServerArguments = serverArguments,
        };
    }

    private static BootDhcpSubnet? ParseDhcp(BootConfigurationDocument.DhcpDocument d, List<ValidationError> errors)
    {
        var before = errors.Count;
        IPNetwork subnet = default;
        if (d.Subnet is null || !IPNetwork.TryParse(d.Subnet, out subnet) || subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            errors.Add(new("dhcp.subnet", $"'{d.Subnet}' is not an IPv4 subnet (e.g. 10.98.0.0/24)"));
        var start = Address(d.PoolStart, "dhcp.poolStart", errors, required: true);
        var end = Address(d.PoolEnd, "dhcp.poolEnd", errors, required: true);
        var router = Address(d.Router, "dhcp.router", errors, required: false);
        var dns = new List<IPAddress>();
        for (var i = 0; i < (d.Dns?.Count ?? 0); i++)
        {
            if (Address(d.Dns![i], $"dhcp.dns[{i}]", errors, required: true) is { } a)
                dns.Add(a);
        }
        var lease = ParseInt(d.LeaseSeconds, "dhcp.leaseSeconds", 3600, 60, 7 * 24 * 3600, errors);
        if (errors.Count > before)
            return null;
        foreach (var (value, path) in new[] { (start!, "dhcp.poolStart"), (end!, "dhcp.poolEnd") })
        {
            if (!subnet.Contains(value))
                errors.Add(new(path, $"'{value}' is outside the subnet {subnet}"));
        }
        return new BootDhcpSubnet { Subnet = subnet, PoolStart = start!, PoolEnd = end!, Router = router, Dns = dns, Domain = d.Domain, LeaseTime = TimeSpan.FromSeconds(lease) };
    }

    private static IPAddress? Address(string? text, string path, List<ValidationError> errors, bool required)
    {
        if (text is null)
        {
            if (required)
                errors.Add(new(path, "missing"));
            return null;
        }
        if (IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork)
            return ip;
        errors.Add(new(path, $"'{text}' is not an IPv4 address"));
        return null;
    }

    /// <summary>Why <paramref name="kernel"/> cannot name the kernel (or the initramfs), or null.</summary>
    public static string? KernelProblem(string kernel)
    {
        if (kernel.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || kernel.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return IpxeSafeText.UrlProblem(kernel);
        if (kernel.StartsWith('/') || kernel.Split('/').Any(s => s is ".." or ""))
            return $"'{kernel}' must be a relative path inside the kernel directory, without '..'";
        return kernel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            ? null
            : $"'{kernel}' may contain only letters, digits, '-', '_', '.' and '/'";
    }

    private static void CheckArgs(List<string>? args, string path, List<ValidationError> errors)
    {
        for (var i = 0; i < (args?.Count ?? 0); i++)
        {
            if (IpxeSafeText.ArgumentProblem(args![i] ?? "") is { } problem)
                errors.Add(new($"{path}[{i}]", problem));
        }
    }

    private static int ParseInt(string? text, string path, int fallback, int min, int max, List<ValidationError> errors)
    {
        if (text is null)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(new(path, $"'{text}' is not an integer in {min}..{max}"));
        return fallback;
    }
}
