namespace Zos.Linux.Dhcp;

/// <summary>The kernel's interface-name rules (net/core/dev.c dev_valid_name): 1..15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
internal static class InterfaceNameRules
{
    internal static void Validate(string name, string parameter)
    {
        if (!Zos.Core.Nftables.NftValidation.IsValidInterfaceName(name))
            throw new ArgumentException($"invalid interface name '{name}': 1 to 15 characters, not '.' or '..', without '/', ':', quotes or whitespace", parameter);
    }
}
