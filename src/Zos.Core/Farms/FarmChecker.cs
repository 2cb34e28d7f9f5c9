using System.Net;
using System.Net.Sockets;
using Zos.Core.Cmdline;
using Zos.Core.Naming;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Core.Farms;

/// <summary>
/// The seed document's "Necessities" of a farm as checks, so a farmer learns what is missing before a node boots: an IPv6 prefix that is public (a /64 at least,
/// a /48 advised) or else a public IPv4 address per node; gateways inside their subnets and not assigned; public
/// addresses public and unicast (registry rules); farm name rules; node MACs well formed and unique; a private
/// management plan for multi-NIC nodes (subnet, gateway, DHCP range clear of reservations and the gateway);
/// VLAN ids 1-4094 and distinct OOB/public VLANs on a single switch; no overlap between the management subnet,
/// the public subnets, 100.64.0.0/10 and 100.127.0.0/16; and that each node's NICs plug in where they must.
/// Every problem is returned, with its path; nothing throws.
/// </summary>
public static class FarmChecker
{
    public const int MinVlan = 1;
    public const int MaxVlan = 4094;
    public const int AdvisedIpv6PrefixLength = 48;
    public const int MaxNodeNameLength = 32;

    /// <summary>Reads and checks a farm file's text; problems carry the line of their field when known.</summary>
    public static FarmCheckReport CheckText(string text, FarmCheckOptions? options = null)
    {
        var parsed = FarmFileParser.Parse(text);
        if (parsed.Farm is null)
            return new FarmCheckReport(null, parsed.Errors);
        var problems = new List<ValidationError>(parsed.Errors);
        foreach (var problem in Check(parsed.Farm, options))
            problems.Add(problem.Line is null ? problem with { Line = parsed.LineOf(problem.Path) } : problem);
        // In file order, so a farmer reads the file and the report together (OrderBy is stable).
        return new FarmCheckReport(parsed.Farm, [.. problems.OrderBy(p => p.Line ?? int.MaxValue)]);
    }

    public static IReadOnlyList<ValidationError> Check(FarmDefinition farm, FarmCheckOptions? options = null)
    {
        var c = new Context(farm, options ?? FarmCheckOptions.Strict);
        CheckName(c);
        CheckBoot(c);
        CheckSwitches(c);
        CheckVlans(c);
        CheckManagement(c);
        CheckPublic(c);
        CheckOverlaps(c);
        CheckRouter(c);
        CheckBootServer(c);
        CheckNodes(c);
        return c.Errors;
    }

    private sealed class Context(FarmDefinition farm, FarmCheckOptions options)
    {
        public FarmDefinition Farm { get; } = farm;
        public FarmCheckOptions Options { get; } = options;
        public List<ValidationError> Errors { get; } = [];
        public HashSet<string> SwitchNames { get; } = new(farm.Switches.Select(s => s.Name).Where(n => n.Length > 0), StringComparer.Ordinal);

        public void Error(string path, string message) => Errors.Add(new ValidationError(path, message));

        public void Warn(string path, string message) => Errors.Add(new ValidationError(path, message, ValidationSeverity.Warning));
    }

    private static void CheckName(Context c)
    {
        var name = c.Farm.Name;
        if (name.Length == 0)
            return; // reported by the parser as required
        if (name.Length is < FarmDefinition.MinNameLength or > FarmDefinition.MaxNameLength)
            c.Error("name", $"'{name}' is {name.Length} characters long; a farm name has {FarmDefinition.MinNameLength} to {FarmDefinition.MaxNameLength}");
        var bad = name.FirstOrDefault(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'));
        if (bad != default)
            c.Error("name", $"'{name}' contains '{bad}'; a farm name has only letters, digits, '_' and '-'");
        if (c.Farm.Id == 0)
            c.Error("id", "0 is not a farm id (farm ids start at 1)");
    }

    private static void CheckBoot(Context c)
    {
        CheckKernelArgs(c, c.Farm.Boot.KernelArgs, "boot.kernel_args");
    }

    /// <summary>Kernel arguments go to nodes as they are: a value the node would reject is reported here, before boot.</summary>
    private static void CheckKernelArgs(Context c, string? args, string path)
    {
        if (string.IsNullOrWhiteSpace(args))
            return;
        // The registry judges kernel arguments by the same rules (KernelArgumentRules), so the two agree.
        KernelArgumentRules.Check(args, path, c.Errors);
        var result = BootParametersParser.Parse(args);
        var farmerId = result.Parameters.Raw.Last(BootParameters.FarmerIdKey);
        if (farmerId is not null && c.Farm.Id is { } id && result.Parameters.FarmId is { } given && given != id)
            c.Error(path, $"farmer_id={given} differs from the farm's id {id}; the node would join another farm");
    }

    private static void CheckSwitches(Context c)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < c.Farm.Switches.Count; i++)
        {
            var name = c.Farm.Switches[i].Name;
            if (name.Length == 0)
                continue;
            if (seen.TryGetValue(name, out var first))
                c.Error($"switches[{i}].name", $"'{name}' is already the name of switches[{first}]");
            else
                seen[name] = i;
        }
        CheckSwitchReference(c, c.Farm.Management?.Switch, "management.switch");
        CheckSwitchReference(c, c.Farm.Public?.Switch, "public.switch");
        CheckSwitchReference(c, c.Farm.BootServer?.Switch, "boot_server.switch");
        if (c.Farm.Router is { } router)
        {
            for (var i = 0; i < router.Ports.Count; i++)
                CheckSwitchReference(c, router.Ports[i].Switch, $"router.ports[{i}].switch");
        }
        for (var n = 0; n < c.Farm.Nodes.Count; n++)
        {
            var node = c.Farm.Nodes[n];
            for (var i = 0; i < node.Nics.Count; i++)
            {
                var path = $"nodes[{n}].nics[{i}].switch";
                if (node.Nics[i].Switch is null && c.Farm.Switches.Count > 0)
                    c.Error(path, "is required: name the switch this NIC plugs into");
                CheckSwitchReference(c, node.Nics[i].Switch, path);
            }
        }
    }

    private static void CheckSwitchReference(Context c, string? name, string path)
    {
        if (name is null || c.SwitchNames.Contains(name))
            return;
        c.Error(path, c.SwitchNames.Count == 0
            ? $"no switch named '{name}': the farm has no switches (add them under switches)"
            : $"no switch named '{name}'; switches are: {string.Join(", ", c.Farm.Switches.Select(s => s.Name).Distinct())}");
    }

    private static void CheckVlans(Context c)
    {
        void Check(int? vlan, string path)
        {
            if (vlan is { } v && v is < MinVlan or > MaxVlan)
                c.Error(path, $"{v} is not a VLAN id: expected {MinVlan} to {MaxVlan}");
        }

        Check(c.Farm.Management?.Vlan, "management.vlan");
        Check(c.Farm.Public?.Vlan, "public.vlan");
        Check(c.Farm.BootServer?.Vlan, "boot_server.vlan");
        if (c.Farm.Router is { } router)
        {
            for (var i = 0; i < router.Ports.Count; i++)
                Check(router.Ports[i].Vlan, $"router.ports[{i}].vlan");
        }
        for (var n = 0; n < c.Farm.Nodes.Count; n++)
        {
            for (var i = 0; i < c.Farm.Nodes[n].Nics.Count; i++)
            {
                var nic = c.Farm.Nodes[n].Nics[i];
                Check(nic.Vlan, $"nodes[{n}].nics[{i}].vlan");
                for (var t = 0; t < nic.Tagged.Count; t++)
                    Check(nic.Tagged[t], $"nodes[{n}].nics[{i}].tagged[{t}]");
            }
        }
        if (c.Farm.IsSingleSwitch)
        {
            var sw = c.Farm.Management!.Switch;
            var m = c.Farm.Management.Vlan;
            var p = c.Farm.Public!.Vlan;
            if (m is null)
                c.Error("management.vlan", $"is required: the management and public networks share switch '{sw}' and need distinct VLANs");
            if (p is null)
                c.Error("public.vlan", $"is required: the management and public networks share switch '{sw}' and need distinct VLANs");
            if (m is not null && m == p)
                c.Error("public.vlan", $"VLAN {p} is also the management network's VLAN on switch '{sw}'; they must differ");
        }
    }

    private static void CheckManagement(Context c)
    {
        var multiNic = c.Farm.Nodes.FirstOrDefault(n => n.IsMultiNic);
        if (c.Farm.Management is not { } mgmt)
        {
            if (multiNic is not null)
                c.Error("management", $"is required: node '{multiNic.Name}' has several NICs and needs a private management network (subnet, gateway, dhcp_range)");
            return;
        }
        if (mgmt.Subnet is { } subnet)
        {
            if (!AddressClassifier.IsPrivate(subnet.BaseAddress) || AddressClassifier.Classify(subnet.BaseAddress) != AddressCategory.Private)
                c.Error("management.subnet", $"{subnet} is not a private subnet (RFC 1918); the management network is private and NATed by the router");
            if (mgmt.Gateway is { } gw)
                CheckGatewayInside(c, gw, subnet, "management.gateway");
            if (mgmt.DhcpRange is { } range)
            {
                if (!range.IsInside(subnet))
                    c.Error("management.dhcp_range", $"{range} is not inside the management subnet {subnet}");
                else if (range.Contains(subnet.BaseAddress) || range.Contains(IpMath.LastAddress(subnet)))
                    c.Error("management.dhcp_range", $"{range} contains the network or broadcast address of {subnet}");
                if (mgmt.Gateway is { } g && range.Contains(g))
                    c.Error("management.dhcp_range", $"{range} contains the gateway {g}");
                var dynamicNodes = c.Farm.Nodes.Count(n => n.ManagementAddress is null);
                if (range.Count < dynamicNodes)
                    c.Warn("management.dhcp_range", $"{range} has {range.Count} addresses for {dynamicNodes} nodes without a reservation");
            }
        }
        if (multiNic is not null && mgmt.DhcpRange is null)
            c.Error("management.dhcp_range", $"is required: node '{multiNic.Name}' has several NICs and boots on the management network by DHCP");
    }

    private static void CheckGatewayInside(Context c, IPAddress gateway, IPNetwork subnet, string path)
    {
        if (!subnet.Contains(gateway))
            c.Error(path, $"gateway {gateway} is not inside {subnet}");
        else if (!IpMath.IsHostAddress(subnet, gateway))
            c.Error(path, $"gateway {gateway} is the {(gateway.Equals(subnet.BaseAddress) ? "network" : "broadcast")} address of {subnet}");
    }

    private static void CheckPublic(Context c)
    {
        if (c.Farm.Public is not { } pub)
        {
            c.Warn("public", "no public network: every node is hidden behind NAT, reachable only through another farm's access node");
            return;
        }
        var rules = c.Options.PublicAddresses;
        if (pub.Ipv4.Count == 0 && pub.Ipv6.Count == 0)
            c.Error("public", "needs an IPv6 prefix (ipv6) or an IPv4 subnet with a public address per node (ipv4)");

        for (var i = 0; i < pub.Ipv6.Count; i++)
        {
            var path = $"public.ipv6[{i}]";
            if (pub.Ipv6[i].Prefix is not { } prefix)
                continue;
            // The registry's rules for a farm's prefix (AddressRules): /48 to /64 of public global unicast.
            var before = c.Errors.Count(e => e.IsError);
            AddressRules.CheckIpv6Prefix(prefix, path + ".prefix", rules, c.Errors);
            if (c.Errors.Count(e => e.IsError) == before && prefix.PrefixLength > AdvisedIpv6PrefixLength)
                c.Warn(path + ".prefix", $"{prefix} is enough for the nodes; a /{AdvisedIpv6PrefixLength} is advised to provide IPv6 transit");
            if (pub.Ipv6[i].Gateway is { } gw6 && !prefix.Contains(gw6) && AddressClassifier.Classify(gw6) != AddressCategory.LinkLocal)
                c.Error(path + ".gateway", $"gateway {gw6} is not inside {prefix} (nor link-local)");
            for (var j = 0; j < i; j++)
            {
                if (pub.Ipv6[j].Prefix is { } other && IpMath.Overlaps(prefix, other))
                    c.Error(path + ".prefix", $"{prefix} overlaps public.ipv6[{j}] ({other})");
            }
        }

        var assigned = new Dictionary<IPAddress, string>();
        for (var i = 0; i < pub.Ipv4.Count; i++)
        {
            var s = pub.Ipv4[i];
            var path = $"public.ipv4[{i}]";
            if (s.Subnet is not { } subnet)
                continue;
            // The registry's rules for a farm's subnet (AddressRules): /16 to /31 of public global unicast.
            AddressRules.CheckIpv4Subnet(subnet, path + ".subnet", rules, c.Errors);
            for (var j = 0; j < i; j++)
            {
                if (pub.Ipv4[j].Subnet is { } other && IpMath.Overlaps(subnet, other))
                    c.Error(path + ".subnet", $"{subnet} overlaps public.ipv4[{j}] ({other})");
            }
            // The gateway's own category follows from the subnet's (checked above) once it is inside.
            if (s.Gateway is { } gw)
                CheckGatewayInside(c, gw, subnet, path + ".gateway");
            for (var a = 0; a < s.Addresses.Count; a++)
            {
                var range = s.Addresses[a];
                var apath = $"{path}.addresses[{a}]";
                if (!range.IsInside(subnet))
                {
                    c.Error(apath, $"{range} is not inside {subnet}");
                    continue;
                }
                if (s.Gateway is { } g && range.Contains(g))
                    c.Error(apath, $"{range} contains the gateway {g}; the gateway cannot be assigned");
                if (subnet.PrefixLength < 31 && (range.Contains(subnet.BaseAddress) || range.Contains(IpMath.LastAddress(subnet))))
                    c.Error(apath, $"{range} contains the network or broadcast address of {subnet}");
                if (s.DhcpRange is { } pool && range.Overlaps(pool))
                    c.Error(apath, $"{range} overlaps the DHCP range {pool}");
                foreach (var ip in range.Addresses().Take(65536))
                {
                    if (!assigned.TryAdd(ip, apath))
                    {
                        c.Error(apath, $"{ip} is listed twice (also in {assigned[ip]})");
                        break;
                    }
                }
            }
            if (s.DhcpRange is { } dhcp)
            {
                if (!dhcp.IsInside(subnet))
                    c.Error(path + ".dhcp_range", $"{dhcp} is not inside {subnet}");
                if (s.Gateway is { } g && dhcp.Contains(g))
                    c.Error(path + ".dhcp_range", $"{dhcp} contains the gateway {g}");
            }
        }

        var hasIpv6 = pub.Ipv6.Any(p => p.Prefix is not null);
        if (!hasIpv6 && pub.Ipv4.Count > 0)
        {
            var usable = pub.Ipv4.Sum(s => (long)s.AssignableAddresses().Take(1 << 20).Count());
            var nodes = c.Farm.Nodes.Count;
            if (usable < nodes)
                c.Error("public.ipv4", $"{usable} usable public IPv4 addresses for {nodes} nodes; without an IPv6 prefix every node needs one (network, broadcast, gateway and DHCP pool not counted)");
        }
    }

    private static void CheckOverlaps(Context c)
    {
        var subnets = new List<(IPNetwork Net, string Path, string What)>();
        if (c.Farm.Management?.Subnet is { } m)
            subnets.Add((m, "management.subnet", "the management subnet"));
        if (c.Farm.Public is { } pub)
        {
            for (var i = 0; i < pub.Ipv4.Count; i++)
            {
                if (pub.Ipv4[i].Subnet is { } s)
                    subnets.Add((s, $"public.ipv4[{i}].subnet", $"public.ipv4[{i}]"));
            }
        }
        foreach (var (net, path, _) in subnets)
        {
            if (IpMath.Overlaps(net, ReservedRanges.NdmzLink))
                c.Error(path, $"{net} overlaps {ReservedRanges.NdmzLink}, which every node uses for the ndmz link of its networks");
            else if (IpMath.Overlaps(net, ReservedRanges.SharedAddressSpace))
                c.Error(path, $"{net} overlaps {ReservedRanges.SharedAddressSpace}, which nodes use for WireGuard addresses");
        }
        if (subnets.Count > 0 && subnets[0].Path == "management.subnet")
        {
            foreach (var (net, path, _) in subnets.Skip(1))
            {
                if (IpMath.Overlaps(net, subnets[0].Net))
                    c.Error(path, $"{net} overlaps the management subnet {subnets[0].Net}");
            }
        }
    }

    private static void CheckRouter(Context c)
    {
        if (c.Farm.Router is not { } router)
            return;
        var mgmt = c.Farm.Management;
        for (var i = 0; i < router.Ports.Count; i++)
        {
            var port = router.Ports[i];
            var path = $"router.ports[{i}]";
            if (mgmt is not null && port.Switch == mgmt.Switch && port.Vlan == mgmt.Vlan && port.Ipv4 is { } a4
                && mgmt.Subnet is { } ms && ms.Contains(a4.Address) && mgmt.Gateway is { } mg && !a4.Address.Equals(mg))
            {
                c.Error(path + ".ipv4", $"{a4} is on the management network, whose gateway is {mg}; the router is the gateway");
            }
            if (port.Ipv4 is { } p4 && mgmt?.Subnet is { } subnet && subnet.Contains(p4.Address) && p4.PrefixLength != subnet.PrefixLength)
                c.Error(path + ".ipv4", $"{p4} has prefix length {p4.PrefixLength} but the management subnet is {subnet}");
            if (port.Trunk is { } trunk)
            {
                if (!Nftables.NftValidation.IsValidInterfaceName(trunk))
                    c.Error(path + ".trunk", $"'{trunk}' is not an interface name (1 to 15 characters, no '/', ':', quotes or whitespace)");
                else if (port.Vlan is null)
                    c.Error(path + ".trunk", $"'{trunk}' tags a VLAN on a trunk, but the port names no vlan");
            }
        }
        if (mgmt?.Switch is { } sw && c.SwitchNames.Contains(sw) && !router.Ports.Any(p => p.Switch == sw && p.Vlan == mgmt.Vlan))
            c.Warn("router.ports", $"no port on the management network (switch '{sw}'{(mgmt.Vlan is { } v ? $", VLAN {v}" : "")}); nodes there have no way to the Internet");
        if (c.Farm.Public?.Switch is { } psw && c.SwitchNames.Contains(psw) && !router.Ports.Any(p => p.Switch == psw && p.Vlan == c.Farm.Public.Vlan))
            c.Warn("router.ports", $"no port on the public network (switch '{psw}'); the public subnet and prefix are not routed");
    }

    private static void CheckBootServer(Context c)
    {
        if (c.Farm.BootServer is not { Address: { } address } server)
            return;
        var mgmt = c.Farm.Management;
        if (mgmt?.Subnet is not { } subnet || server.Switch != mgmt.Switch)
            return;
        if (!subnet.Contains(address.Address))
            c.Error("boot_server.address", $"{address} is not inside the management subnet {subnet}");
        else if (address.Address.Equals(mgmt.Gateway))
            c.Error("boot_server.address", $"{address.Address} is the management gateway");
        else if (mgmt.DhcpRange is { } range && range.Contains(address.Address))
            c.Error("boot_server.address", $"{address.Address} is inside the DHCP range {range}");
    }

    private static void CheckNodes(Context c)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var macs = new Dictionary<MacAddress, string>();
        var reservations = new Dictionary<IPAddress, string>();
        var publicAddresses = new Dictionary<IPAddress, string>();
        var hasDhcpSegment = c.Farm.Management is not null || c.Farm.Public?.Ipv4.Any(s => s.DhcpRange is not null) == true;
        if (!hasDhcpSegment && c.Farm.Nodes.Count > 0)
            c.Error("management", "is required: nodes boot by DHCP and need a network that gives them an address and a default route (or a dhcp_range in a public IPv4 subnet)");

        for (var n = 0; n < c.Farm.Nodes.Count; n++)
        {
            var node = c.Farm.Nodes[n];
            var path = $"nodes[{n}]";
            if (node.Name.Length > 0)
            {
                if (names.TryGetValue(node.Name, out var first))
                    c.Error(path + ".name", $"'{node.Name}' is already the name of nodes[{first}]");
                else
                    names[node.Name] = n;
                if (node.Name.Length > MaxNodeNameLength || node.Name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
                    c.Error(path + ".name", $"'{node.Name}' is not a node name: 1 to {MaxNodeNameLength} letters, digits, '-' or '_'");
            }
            for (var i = 0; i < node.Nics.Count; i++)
            {
                if (node.Nics[i].Mac is not { } mac)
                    continue;
                var macPath = $"{path}.nics[{i}].mac";
                if (mac == MacAddress.Zero)
                    c.Error(macPath, $"{mac} is not a NIC's MAC address");
                else if (mac.IsMulticast)
                    c.Error(macPath, $"{mac} is a multicast (group) address; a NIC has a unicast MAC");
                if (!macs.TryAdd(mac, $"{path}.nics[{i}] (node '{node.Name}')"))
                    c.Error(macPath, $"{mac} is already used by {macs[mac]}");
            }
            CheckNodeNics(c, node, path);
            CheckNodeReservation(c, node, path, reservations);
            CheckKernelArgs(c, node.BootArgs, path + ".boot_args");
            if (node.PublicConfig is { } pc)
                CheckNodePublicConfig(c, node, pc, path + ".public_config", publicAddresses);
        }
    }

    private static void CheckNodeNics(Context c, FarmNode node, string path)
    {
        var mgmt = c.Farm.Management;
        var pub = c.Farm.Public;
        var used = node.Nics.Select((nic, i) => (nic, i)).Where(x => x.nic.Role != NicRole.Unused).ToList();
        if (used.Count == 0)
        {
            if (node.Nics.Count > 0)
                c.Error(path + ".nics", $"node '{node.Name}' has no NIC in use; one NIC must carry management");
            return;
        }
        var managementNics = used.Where(x => x.nic.Role == NicRole.Management).ToList();
        var publicNics = used.Where(x => x.nic.Role == NicRole.Public).ToList();
        if (used.Count >= 2)
        {
            if (managementNics.Count == 0)
                c.Error(path + ".nics", $"node '{node.Name}' has {used.Count} NICs; mark the one on the management network with role: management");
            if (publicNics.Count == 0)
                c.Warn(path + ".nics", $"node '{node.Name}' has {used.Count} NICs but none with role: public; it runs single-NIC (public traffic over the management NIC)");
        }
        foreach (var (nic, i) in managementNics.Skip(1))
            c.Error($"{path}.nics[{i}].role", $"node '{node.Name}' already has a management NIC (nics[{managementNics[0].i}]); only one NIC boots and carries zos");
        foreach (var (nic, i) in publicNics.Skip(1))
            c.Error($"{path}.nics[{i}].role", $"node '{node.Name}' already has a public NIC (nics[{publicNics[0].i}]); br-pub has one uplink");
        if (used.Count == 1 && publicNics.Count == 1)
            c.Error($"{path}.nics[{used[0].i}].role", $"node '{node.Name}' has one NIC, which must carry management (role: management, or no role)");

        // A NIC on an unknown switch is reported once, by CheckSwitches; don't judge where it plugs in.
        bool Known(FarmNic nic) => nic.Switch is null || c.SwitchNames.Count == 0 || c.SwitchNames.Contains(nic.Switch);
        var managementNic = managementNics.Count > 0 ? managementNics[0] : used.Count == 1 ? used[0] : default;
        if (managementNic.nic is { } mn && Known(mn))
        {
            var npath = $"{path}.nics[{managementNic.i}]";
            if (mgmt is not null)
            {
                if (mn.Switch is not null && mgmt.Switch is not null && mn.Switch != mgmt.Switch)
                {
                    var dhcpOnPublic = pub?.Switch == mn.Switch && pub.Ipv4.Any(s => s.DhcpRange is not null);
                    if (!dhcpOnPublic)
                        c.Error(npath + ".switch", $"the management NIC plugs into '{mn.Switch}' but the management network is on '{mgmt.Switch}'");
                }
                else
                {
                    CheckPortVlan(c, mn, mgmt.Vlan, "management", npath, node);
                }
            }
            else if (pub is not null && mn.Switch is not null && pub.Switch is not null && mn.Switch != pub.Switch)
            {
                c.Error(npath + ".switch", $"the NIC plugs into '{mn.Switch}', where no network hands out addresses by DHCP (the public network is on '{pub.Switch}')");
            }
        }
        foreach (var (nic, i) in publicNics.Take(1))
        {
            var npath = $"{path}.nics[{i}]";
            if (pub is null)
            {
                c.Error(npath + ".role", $"node '{node.Name}' has a public NIC but the farm has no public network");
                continue;
            }
            if (!Known(nic))
                continue;
            if (nic.Switch is not null && pub.Switch is not null && nic.Switch != pub.Switch)
                c.Error(npath + ".switch", $"the public NIC plugs into '{nic.Switch}' but the public network is on '{pub.Switch}'");
            else
                CheckPortVlan(c, nic, pub.Vlan, "public", npath, node);
        }
    }

    /// <summary>On a single switch, a NIC's port must be in the network's VLAN: untagged (access) or tagged with vlan:priv/vlan:pub set.</summary>
    private static void CheckPortVlan(Context c, FarmNic nic, int? networkVlan, string network, string path, FarmNode node)
    {
        if (networkVlan is not { } vlan || !c.Farm.IsSingleSwitch)
            return;
        if (nic.Tagged.Contains(vlan))
        {
            var key = network == "management" ? BootParameters.PrivateVlanKey : BootParameters.PublicVlanKey;
            var args = BootParametersParser.Parse($"{c.Farm.Boot.KernelArgs} {node.BootArgs}").Parameters;
            var given = network == "management" ? args.PrivateVlan : args.PublicVlan;
            if (given != vlan)
                c.Error(path + ".tagged", $"the port carries the {network} VLAN {vlan} tagged, so node '{node.Name}' needs {key}={vlan} in its boot args");
            return;
        }
        if (nic.Vlan is null)
            c.Error(path + ".vlan", $"is required on the single switch: put the port in the {network} VLAN {vlan} (vlan: {vlan}) or tag it (tagged: [{vlan}])");
        else if (nic.Vlan != vlan)
            c.Error(path + ".vlan", $"the port is in VLAN {nic.Vlan} but the {network} network is VLAN {vlan}");
    }

    private static void CheckNodeReservation(Context c, FarmNode node, string path, Dictionary<IPAddress, string> reservations)
    {
        var mgmt = c.Farm.Management;
        if (node.ManagementAddress is not { } address)
        {
            if (node.IsMultiNic && mgmt is not null)
                c.Warn(path + ".management_address", $"not set: node '{node.Name}' gets a dynamic management address; a reservation keeps it stable");
            return;
        }
        var apath = path + ".management_address";
        if (mgmt?.Subnet is not { } subnet)
        {
            c.Error(apath, $"{address} is a management address but the farm has no management subnet");
            return;
        }
        if (!IpMath.IsHostAddress(subnet, address))
            c.Error(apath, $"{address} is not a host address of the management subnet {subnet}");
        else if (address.Equals(mgmt.Gateway))
            c.Error(apath, $"{address} is the management gateway");
        else if (mgmt.DhcpRange is { } range && range.Contains(address))
            c.Error(apath, $"{address} is inside the DHCP range {range}; reservations must be outside the dynamic pool");
        else if (c.Farm.BootServer?.Address is { } bs && bs.Address.Equals(address))
            c.Error(apath, $"{address} is the boot server's address");
        if (!reservations.TryAdd(address, node.Name))
            c.Error(apath, $"{address} is already reserved for node '{reservations[address]}'");
    }

    private static void CheckNodePublicConfig(Context c, FarmNode node, PublicConfigInput pc, string path, Dictionary<IPAddress, string> used)
    {
        var rules = c.Options.PublicAddresses;
        // Documentation-range warnings are already given once for the farm's subnets; keep the errors.
        c.Errors.AddRange(PublicConfigRules.Validate(pc, rules, path).Where(e => e.IsError));
        if (c.Farm.Public is not { } pub)
        {
            c.Error(path, $"node '{node.Name}' has a public config but the farm has no public network");
            return;
        }
        if (InterfaceAddress.TryParse(pc.Ipv4, out var a4) && a4.Family == AddressFamily.InterNetwork)
        {
            var subnet = pub.Ipv4.FirstOrDefault(s => s.Subnet is { } sn && sn.Contains(a4.Address));
            if (subnet is null)
            {
                c.Error(path + ".ipv4", $"{a4.Address} is not in any of the farm's public IPv4 subnets ({string.Join(", ", pub.Ipv4.Select(s => s.Subnet?.ToString()).Where(s => s is not null))})");
            }
            else
            {
                if (a4.PrefixLength != subnet.Subnet!.Value.PrefixLength)
                    c.Error(path + ".ipv4", $"{a4} has prefix length {a4.PrefixLength} but the farm's subnet is {subnet.Subnet}");
                if (!subnet.AssignableAddresses().Contains(a4.Address))
                    c.Error(path + ".ipv4", $"{a4.Address} is not one of the assignable addresses of {subnet.Subnet}");
                if (IpAddressText.TryParse(pc.Gw4, out var gw4) && subnet.Gateway is { } sg && !gw4.Equals(sg))
                    c.Error(path + ".gw4", $"{gw4} is not the gateway of {subnet.Subnet} ({sg})");
            }
            if (!used.TryAdd(a4.Address, node.Name))
                c.Error(path + ".ipv4", $"{a4.Address} is already the public address of node '{used[a4.Address]}'");
        }
        if (InterfaceAddress.TryParse(pc.Ipv6, out var a6) && a6.Family == AddressFamily.InterNetworkV6)
        {
            if (!pub.Ipv6.Any(p => p.Prefix is { } pp && pp.Contains(a6.Address)))
                c.Error(path + ".ipv6", $"{a6.Address} is not in any of the farm's IPv6 prefixes ({string.Join(", ", pub.Ipv6.Select(p => p.Prefix?.ToString()).Where(s => s is not null))})");
            if (!used.TryAdd(a6.Address, node.Name))
                c.Error(path + ".ipv6", $"{a6.Address} is already the public address of node '{used[a6.Address]}'");
        }
    }
}
