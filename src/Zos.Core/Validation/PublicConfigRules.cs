using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Validation;

/// <summary>
/// The registry's rules for public addresses (boot-and-registry.md §3.2, tfchain IP4/IP6/PublicConfig::is_valid):
/// the address is an address with a prefix length (prefix &gt; 0), address and gateway are public and unicast, the
/// gateway is inside the subnet and is not the address; domains use only [A-Za-z0-9.-]. Ours on top: neither the
/// address nor the gateway may be the network or broadcast address of an IPv4 subnet. All problems are returned.
/// </summary>
public static class PublicConfigRules
{
    public const int MaxDomainLength = 128;

    public static IReadOnlyList<ValidationError> Validate(PublicConfigInput config, PublicAddressOptions options, string path = "")
    {
        var errors = new List<ValidationError>();
        var has4 = !string.IsNullOrWhiteSpace(config.Ipv4) || !string.IsNullOrWhiteSpace(config.Gw4);
        var has6 = !string.IsNullOrWhiteSpace(config.Ipv6) || !string.IsNullOrWhiteSpace(config.Gw6);
        if (has4 || options.RequireIpv4)
        {
            ValidateAddressAndGateway(config.Ipv4, config.Gw4, AddressFamily.InterNetwork,
                ValidationPath.Field(path, "ipv4"), ValidationPath.Field(path, "gw4"), options, errors);
        }
        if (has6)
        {
            ValidateAddressAndGateway(config.Ipv6, config.Gw6, AddressFamily.InterNetworkV6,
                ValidationPath.Field(path, "ipv6"), ValidationPath.Field(path, "gw6"), options, errors);
        }
        if (!has4 && !has6 && !options.RequireIpv4)
            errors.Add(new ValidationError(string.IsNullOrEmpty(path) ? "ipv4" : path, "a public config needs IPv4 (ipv4 + gw4) or IPv6 (ipv6 + gw6)"));
        if (config.Domain is not null)
            ValidateDomain(config.Domain, ValidationPath.Field(path, "domain"), errors);
        return errors;
    }

    /// <summary>
    /// Checks an address-with-prefix and its gateway of one family, adding every problem to <paramref name="errors"/>.
    /// Returns the parsed address when it parsed (even if it broke a rule), so callers can go on with more checks.
    /// </summary>
    public static InterfaceAddress? ValidateAddressAndGateway(string? addressText, string? gatewayText, AddressFamily family,
        string addressPath, string gatewayPath, PublicAddressOptions options, List<ValidationError> errors)
    {
        var address = ParseInterfaceAddress(addressText, family, addressPath, errors);
        var gateway = ParseAddress(gatewayText, family, gatewayPath, errors);
        if (address is { } a)
        {
            if (a.PrefixLength == 0)
                errors.Add(new ValidationError(addressPath, $"'{addressText}' has prefix length 0; a public subnet needs a prefix length greater than 0"));
            CheckPublicUnicast(a.Address, addressPath, options, errors);
            if (!IpMath.IsHostAddress(a.Network, a.Address))
                errors.Add(new ValidationError(addressPath, $"'{addressText}' is the {NetworkOrBroadcast(a.Network, a.Address)} address of {a.Network}, not a host address"));
        }
        if (gateway is { } g)
        {
            CheckPublicUnicast(g, gatewayPath, options, errors);
            if (address is { } net)
            {
                if (!net.Network.Contains(g))
                    errors.Add(new ValidationError(gatewayPath, $"gateway {g} is not inside {net.Network} (the subnet of {net})"));
                else if (g.Equals(net.Address))
                    errors.Add(new ValidationError(gatewayPath, $"gateway {g} is the address itself ({net})"));
                else if (!IpMath.IsHostAddress(net.Network, g))
                    errors.Add(new ValidationError(gatewayPath, $"gateway {g} is the {NetworkOrBroadcast(net.Network, g)} address of {net.Network}"));
            }
        }
        return address;
    }

    /// <summary>
    /// The public-and-unicast rule for one address: an error when it is not unicast or not public; documentation
    /// addresses are an error, or a warning when <see cref="PublicAddressOptions.AllowDocumentationRanges"/> is set.
    /// </summary>
    public static void CheckPublicUnicast(IPAddress address, string path, PublicAddressOptions options, List<ValidationError> errors) =>
        CheckPublicUnicast(address, address.ToString(), "address", path, options, errors);

    /// <summary>The same rule for a whole subnet or prefix, judged by its first address and named as <paramref name="network"/>.</summary>
    public static void CheckPublicUnicast(IPNetwork network, string path, PublicAddressOptions options, List<ValidationError> errors) =>
        CheckPublicUnicast(network.BaseAddress, network.ToString(), "subnet", path, options, errors);

    private static void CheckPublicUnicast(IPAddress address, string shown, string noun, string path, PublicAddressOptions options, List<ValidationError> errors)
    {
        var category = AddressClassifier.Classify(address);
        if (!AddressClassifier.IsUnicast(address))
            errors.Add(new ValidationError(path, $"{shown} is {AddressClassifier.Describe(address)}; a unicast {noun} is required"));
        else if (category == AddressCategory.Documentation && options.AllowDocumentationRanges)
            errors.Add(new ValidationError(path, $"{shown} is {AddressClassifier.Describe(address)}, not routable on the Internet (accepted for labs and examples only)", ValidationSeverity.Warning));
        else if (category != AddressCategory.Public)
            errors.Add(new ValidationError(path, $"{shown} is {AddressClassifier.Describe(address)}; a public {noun} is required"));
    }

    public static void ValidateDomain(string domain, string path, List<ValidationError> errors)
    {
        if (domain.Length == 0)
        {
            errors.Add(new ValidationError(path, "is empty; leave it out or give a domain such as farm.example.org"));
            return;
        }
        if (domain.Length > MaxDomainLength)
            errors.Add(new ValidationError(path, $"'{domain}' is {domain.Length} characters long; at most {MaxDomainLength} are allowed"));
        var bad = domain.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));
        if (bad != default)
            errors.Add(new ValidationError(path, $"'{domain}' contains '{bad}'; a domain has only letters, digits, '.' and '-'"));
    }

    /// <summary>Parses "address/prefix" of one family, adding an error naming the value when it is missing or malformed.</summary>
    public static InterfaceAddress? ParseInterfaceAddress(string? text, AddressFamily family, string path, List<ValidationError> errors)
    {
        var example = family == AddressFamily.InterNetwork ? "198.51.100.10/24" : "2001:db8:1::10/64";
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ValidationError(path, $"is required (an {FamilyName(family)} address with its prefix length, e.g. {example})"));
            return null;
        }
        if (!InterfaceAddress.TryParse(text.Trim(), out var parsed) || parsed.Family != family)
        {
            errors.Add(new ValidationError(path, $"'{text}' is not an {FamilyName(family)} address with a prefix length (e.g. {example})"));
            return null;
        }
        return parsed;
    }

    /// <summary>Parses a plain address of one family, adding an error naming the value when it is missing or malformed.</summary>
    public static IPAddress? ParseAddress(string? text, AddressFamily family, string path, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ValidationError(path, $"is required (an {FamilyName(family)} address)"));
            return null;
        }
        if (!IpAddressText.TryParse(text.Trim(), out var parsed) || parsed.AddressFamily != family)
        {
            errors.Add(new ValidationError(path, $"'{text}' is not an {FamilyName(family)} address"));
            return null;
        }
        return parsed;
    }

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    private static string NetworkOrBroadcast(IPNetwork network, IPAddress address) =>
        address.Equals(network.BaseAddress) ? "network" : "broadcast";
}
