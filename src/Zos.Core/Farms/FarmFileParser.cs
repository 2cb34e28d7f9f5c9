using System.Net.Sockets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Zos.Core.Cmdline;
using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>
/// Reads a farm file (YAML, or JSON since JSON is YAML's flow style) into a <see cref="FarmDefinition"/>. Pure:
/// takes the text. Field names are snake_case as in the examples; unknown fields are errors (they are typos more
/// often than not). Malformed values are reported with path and line and left out, so the checker can go on.
/// </summary>
public static class FarmFileParser
{
    public static FarmParseResult Parse(string text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var error = new ValidationError("", $"not valid YAML or JSON: {FirstLine(e.InnerException?.Message ?? e.Message)}") { Line = (int)e.Start.Line };
            return new FarmParseResult(null, [error], new Dictionary<string, int>());
        }
        var reader = new YamlFieldReader();
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = yaml.Documents.Count == 0 ? 1 : (int)yaml.Documents[0].RootNode.Start.Line;
            var error = new ValidationError("", "the file is empty or not a mapping of farm fields (name, nodes, ...)") { Line = at };
            return new FarmParseResult(null, [error], new Dictionary<string, int>());
        }
        var farm = ReadFarm(reader, root);
        return new FarmParseResult(farm, [.. reader.Errors.OrderBy(e => e.Line ?? int.MaxValue)], reader.Lines);
    }

    private static FarmDefinition ReadFarm(YamlFieldReader r, YamlMappingNode root)
    {
        r.CheckKeys(root, "", "name", "id", "description", "boot", "management", "public", "switches", "router", "boot_server", "nodes");
        return new FarmDefinition
        {
            Name = r.Text(root, "name", "", required: true) ?? "",
            Id = r.UInt(root, "id", ""),
            Description = r.Text(root, "description", ""),
            Boot = ReadBoot(r, r.Mapping(YamlFieldReader.Get(root, "boot"), "boot")),
            Management = ReadManagement(r, r.Mapping(YamlFieldReader.Get(root, "management"), "management")),
            Public = ReadPublic(r, r.Mapping(YamlFieldReader.Get(root, "public"), "public")),
            Switches = r.List(root, "switches", "", (node, path) => ReadSwitch(r, node, path)),
            Router = ReadRouter(r, r.Mapping(YamlFieldReader.Get(root, "router"), "router")),
            BootServer = ReadBootServer(r, r.Mapping(YamlFieldReader.Get(root, "boot_server"), "boot_server")),
            Nodes = r.List(root, "nodes", "", (node, path) => ReadNode(r, node, path)),
        };
    }

    private static FarmBootDefinition ReadBoot(YamlFieldReader r, YamlMappingNode? map)
    {
        if (map is null)
            return new FarmBootDefinition();
        const string path = "boot";
        r.CheckKeys(map, path, "runmode", "kernel_args", "registry");
        RunMode? runMode = null;
        if (r.Text(map, "runmode", path) is { } modeText)
        {
            if (RunModes.TryParse(modeText, out var mode))
                runMode = mode;
            else
                r.Error("boot.runmode", $"'{modeText}' is not a run mode: expected dev, qa, test or prod", YamlFieldReader.Get(map, "runmode"));
        }
        Uri? registry = null;
        if (r.Text(map, "registry", path) is { } registryText)
        {
            if (Uri.TryCreate(registryText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                registry = uri;
            else
                r.Error("boot.registry", $"'{registryText}' is not a registry URL: expected an absolute http:// or https:// URL", YamlFieldReader.Get(map, "registry"));
        }
        return new FarmBootDefinition { RunMode = runMode, KernelArgs = r.TextOrList(map, "kernel_args", path), Registry = registry };
    }

    private static ManagementNetwork? ReadManagement(YamlFieldReader r, YamlMappingNode? map)
    {
        if (map is null)
            return null;
        const string path = "management";
        r.CheckKeys(map, path, "switch", "vlan", "subnet", "gateway", "dhcp_range", "dns");
        return new ManagementNetwork
        {
            Switch = r.Text(map, "switch", path),
            Vlan = r.Int(map, "vlan", path),
            Subnet = r.Network(map, "subnet", path, AddressFamily.InterNetwork, required: true),
            Gateway = r.Address(map, "gateway", path, AddressFamily.InterNetwork, required: true),
            DhcpRange = r.Range(map, "dhcp_range", path),
            Dns = r.List(map, "dns", path, (node, p) => r.ScalarText(node, p) is { } t ? r.ParseAddress(t, p, node, null) : null),
        };
    }

    private static PublicNetwork? ReadPublic(YamlFieldReader r, YamlMappingNode? map)
    {
        if (map is null)
            return null;
        const string path = "public";
        r.CheckKeys(map, path, "switch", "vlan", "ipv4", "ipv6");
        return new PublicNetwork
        {
            Switch = r.Text(map, "switch", path),
            Vlan = r.Int(map, "vlan", path),
            Ipv4 = r.List(map, "ipv4", path, (node, p) =>
            {
                var m = r.Mapping(node, p);
                if (m is not null)
                    r.CheckKeys(m, p, "subnet", "gateway", "addresses", "dhcp_range");
                return new PublicIpv4Subnet
                {
                    Subnet = r.Network(m, "subnet", p, AddressFamily.InterNetwork, required: true),
                    Gateway = r.Address(m, "gateway", p, AddressFamily.InterNetwork, required: true),
                    Addresses = r.List(m, "addresses", p, (n, ap) => r.ScalarText(n, ap) is { } t ? r.ParseRange(t, ap, n) : null).Select(a => a!.Value).ToList(),
                    DhcpRange = r.Range(m, "dhcp_range", p),
                };
            }),
            Ipv6 = r.List(map, "ipv6", path, (node, p) =>
            {
                var m = r.Mapping(node, p);
                if (m is not null)
                    r.CheckKeys(m, p, "prefix", "gateway");
                return new PublicIpv6Prefix
                {
                    Prefix = r.Network(m, "prefix", p, AddressFamily.InterNetworkV6, required: true),
                    Gateway = r.Address(m, "gateway", p, AddressFamily.InterNetworkV6),
                };
            }),
        };
    }

    private static FarmSwitch ReadSwitch(YamlFieldReader r, YamlNode node, string path)
    {
        var m = r.Mapping(node, path);
        if (m is not null)
            r.CheckKeys(m, path, "name", "speed", "description");
        return new FarmSwitch
        {
            Name = r.Text(m, "name", path, required: true) ?? "",
            Speed = r.Text(m, "speed", path),
            Description = r.Text(m, "description", path),
        };
    }

    private static FarmRouter? ReadRouter(YamlFieldReader r, YamlMappingNode? map)
    {
        if (map is null)
            return null;
        const string path = "router";
        r.CheckKeys(map, path, "name", "ports", "nat", "router_advertisements");
        return new FarmRouter
        {
            Name = r.Text(map, "name", path) ?? "router",
            Nat = r.Bool(map, "nat", path) ?? true,
            RouterAdvertisements = r.Bool(map, "router_advertisements", path) ?? true,
            Ports = r.List(map, "ports", path, (node, p) =>
            {
                var m = r.Mapping(node, p);
                if (m is not null)
                    r.CheckKeys(m, p, "switch", "vlan", "trunk", "ipv4", "ipv6");
                return new RouterPort
                {
                    Switch = r.Text(m, "switch", p, required: true),
                    Vlan = r.Int(m, "vlan", p),
                    Trunk = r.Text(m, "trunk", p),
                    Ipv4 = r.AddressWithPrefix(m, "ipv4", p, AddressFamily.InterNetwork),
                    Ipv6 = r.AddressWithPrefix(m, "ipv6", p, AddressFamily.InterNetworkV6),
                };
            }),
        };
    }

    private static FarmBootServer? ReadBootServer(YamlFieldReader r, YamlMappingNode? map)
    {
        if (map is null)
            return null;
        const string path = "boot_server";
        r.CheckKeys(map, path, "switch", "vlan", "address", "proxy_dhcp");
        return new FarmBootServer
        {
            Switch = r.Text(map, "switch", path, required: true),
            Vlan = r.Int(map, "vlan", path),
            Address = r.AddressWithPrefix(map, "address", path, AddressFamily.InterNetwork),
            ProxyDhcp = r.Bool(map, "proxy_dhcp", path) ?? false,
        };
    }

    private static FarmNode ReadNode(YamlFieldReader r, YamlNode node, string path)
    {
        var m = r.Mapping(node, path);
        if (m is not null)
            r.CheckKeys(m, path, "name", "nics", "management_address", "boot_args", "public_config");
        var nics = r.List(m, "nics", path, (n, p) => ReadNic(r, n, p));
        if (m is not null && YamlFieldReader.Get(m, "nics") is null)
            r.Error(ValidationPath.Field(path, "nics"), "is required (at least one NIC with its MAC)", m);
        return new FarmNode
        {
            Name = r.Text(m, "name", path, required: true) ?? "",
            Nics = nics,
            ManagementAddress = r.Address(m, "management_address", path, AddressFamily.InterNetwork),
            BootArgs = r.TextOrList(m, "boot_args", path),
            PublicConfig = ReadPublicConfig(r, r.Mapping(YamlFieldReader.Get(m, "public_config"), ValidationPath.Field(path, "public_config")), ValidationPath.Field(path, "public_config")),
        };
    }

    private static FarmNic ReadNic(YamlFieldReader r, YamlNode node, string path)
    {
        var m = r.Mapping(node, path);
        if (m is not null)
            r.CheckKeys(m, path, "name", "mac", "switch", "role", "vlan", "tagged");
        NicRole? role = null;
        if (r.Text(m, "role", path) is { } roleText)
        {
            role = roleText.ToLowerInvariant() switch
            {
                "management" or "mgmt" or "oob" => NicRole.Management,
                "public" => NicRole.Public,
                "unused" => NicRole.Unused,
                _ => null,
            };
            if (role is null)
                r.Error(ValidationPath.Field(path, "role"), $"'{roleText}' is not a NIC role: expected management, public or unused", YamlFieldReader.Get(m, "role"));
        }
        return new FarmNic
        {
            Name = r.Text(m, "name", path),
            Mac = m is null ? null : r.Mac(m, "mac", path),
            Switch = r.Text(m, "switch", path),
            Role = role,
            Vlan = r.Int(m, "vlan", path),
            Tagged = r.List(m, "tagged", path, (n, p) => r.ScalarText(n, p) is { } t ? r.ParseInt(t, p, n) : null).Select(v => v!.Value).ToList(),
        };
    }

    private static PublicConfigInput? ReadPublicConfig(YamlFieldReader r, YamlMappingNode? map, string path)
    {
        if (map is null)
            return null;
        r.CheckKeys(map, path, "ipv4", "gw4", "ipv6", "gw6", "domain");
        return new PublicConfigInput(r.Text(map, "ipv4", path), r.Text(map, "gw4", path), r.Text(map, "ipv6", path), r.Text(map, "gw6", path), r.Text(map, "domain", path));
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
