using System.Net;
using System.Net.Sockets;
using Zos.Core.Validation;

namespace Zos.Registry.Validation;

/// <summary>
/// The public-address rules applied to farm IPs and public configs: parse, gateway inside the subnet and not the
/// address itself, domain characters. The public/unicast classification is Zos.Core's (core-farm's
/// PublicConfigRules) and is wired in here once that lands; this is the one seam to change.
/// </summary>
public static class PublicAddressCheck
{
    public static void AddressAndGateway(string? addressText, string? gatewayText, AddressFamily family, string addressPath, string gatewayPath,
        bool allowDocumentation, List<ValidationError> errors)
    {
        _ = allowDocumentation;
        var familyName = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        var example = family == AddressFamily.InterNetwork ? "203.0.113.10/24" : "2001:db8:1::10/64";
        IPAddress? address = null;
        IPNetwork network = default;
        if (!IPNetworkText.TryParseInterfaceAddress(addressText, out var a, out var n) || a.AddressFamily != family)
            errors.Add(new ValidationError(addressPath, $"'{addressText}' is not an {familyName} address with a prefix length (e.g. {example})"));
        else if (n.PrefixLength == 0)
            errors.Add(new ValidationError(addressPath, $"'{addressText}' has prefix length 0; a public subnet needs a prefix length greater than 0"));
        else
            (address, network) = (a, n);

        if (!IPAddress.TryParse(gatewayText, out var gateway) || gateway.AddressFamily != family)
        {
            errors.Add(new ValidationError(gatewayPath, $"'{gatewayText}' is not an {familyName} address"));
            return;
        }
        if (address is null)
            return;
        if (!network.Contains(gateway))
            errors.Add(new ValidationError(gatewayPath, $"gateway {gateway} is not inside {network} (the subnet of {addressText})"));
        else if (gateway.Equals(address))
            errors.Add(new ValidationError(gatewayPath, $"gateway {gateway} is the address itself ({addressText})"));
    }

    public static void Domain(string domain, string path, List<ValidationError> errors)
    {
        if (domain.Length is 0 or > 128)
            errors.Add(new ValidationError(path, $"'{domain}' is {domain.Length} characters long; 1 to 128 are allowed"));
        var bad = domain.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));
        if (bad != default)
            errors.Add(new ValidationError(path, $"'{domain}' contains '{bad}'; a domain has only letters, digits, '.' and '-'"));
    }
}
