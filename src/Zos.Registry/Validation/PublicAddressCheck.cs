using System.Net.Sockets;
using Zos.Core.Validation;

namespace Zos.Registry.Validation;

/// <summary>
/// The public-address rules applied to farm IPs and public configs, from Zos.Core's <see cref="PublicConfigRules"/>
/// (public and unicast per valip's list, gateway inside the subnet and not the address, domain characters).
/// Documentation ranges pass (as warnings) when the registry allows them, as labs need.
/// </summary>
public static class PublicAddressCheck
{
    public static void AddressAndGateway(string? addressText, string? gatewayText, AddressFamily family, string addressPath, string gatewayPath,
        bool allowDocumentation, List<ValidationError> errors)
    {
        var options = allowDocumentation ? PublicAddressOptions.Strict with { AllowDocumentationRanges = true } : PublicAddressOptions.Strict;
        PublicConfigRules.ValidateAddressAndGateway(addressText, gatewayText, family, addressPath, gatewayPath, options, errors);
    }

    public static void Domain(string domain, string path, List<ValidationError> errors) => PublicConfigRules.ValidateDomain(domain, path, errors);
}
