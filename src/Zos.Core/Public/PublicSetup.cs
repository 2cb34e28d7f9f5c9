using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Core.Public;

/// <summary>
/// What the <c>public</c> namespace must hold for a public config (reference §3.4): the address and default route
/// of each family that has both an address and a gateway. Built only from a config that passes the registry's
/// rules (<see cref="PublicConfigRules"/>), so a wrong config never reaches the kernel (zos#1813).
/// </summary>
public sealed record PublicSetup(InterfaceAddress? Ipv4, IPAddress? Gateway4, InterfaceAddress? Ipv6, IPAddress? Gateway6, string? Domain)
{
    /// <summary>Validates and converts; throws <see cref="ArgumentException"/> listing every problem (field and value).</summary>
    public static PublicSetup From(PublicConfig config, PublicAddressOptions rules)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rules);
        var input = new PublicConfigInput(config.Ipv4.Address, config.Ipv4.Gateway, config.Ipv6?.Address, config.Ipv6?.Gateway, config.Domain);
        var errors = PublicConfigRules.Validate(input, rules, "publicConfig").Where(e => e.IsError).ToList();
        if (errors.Count > 0)
            throw new ArgumentException($"public config refused: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}", nameof(config));
        return new PublicSetup(
            InterfaceAddress.Parse(config.Ipv4.Address), IPAddress.Parse(config.Ipv4.Gateway),
            config.Ipv6 is null ? null : InterfaceAddress.Parse(config.Ipv6.Address),
            config.Ipv6 is null ? null : IPAddress.Parse(config.Ipv6.Gateway),
            config.Domain);
    }

    /// <summary>The addresses of the "public" macvlan.</summary>
    public IReadOnlyList<InterfaceAddress> Addresses => [.. new[] { Ipv4, Ipv6 }.OfType<InterfaceAddress>()];

    /// <summary>Default routes (destination, gateway) per family present.</summary>
    public IReadOnlyList<(IPNetwork Destination, IPAddress Gateway)> DefaultRoutes
    {
        get
        {
            var routes = new List<(IPNetwork, IPAddress)>();
            if (Gateway4 is { } g4)
                routes.Add((IPNetwork.Parse("0.0.0.0/0"), g4));
            if (Gateway6 is { } g6)
                routes.Add((IPNetwork.Parse("::/0"), g6));
            return routes;
        }
    }
}
