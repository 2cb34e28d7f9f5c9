using System.CommandLine;
using Zos.Core.Contracts;

namespace Zos.Cli.Commands;

/// <summary>`zos farm create|show|ip add|mac add|public-config set|unset`, signed with the account key.</summary>
internal static class FarmCommands
{
    public static Command Create()
    {
        var registry = RegistryCli.RegistryOption();
        var create = new Command("create", "Create a farm owned by your account");
        var name = new Argument<string>("name") { Description = "Farm name (3-40 of [A-Za-z0-9_-])" };
        var runmode = new Option<string>("--runmode") { Description = "prod, test, dev or qa", DefaultValueFactory = _ => "prod" };
        var kernelArgs = new Option<string>("--kernel-args") { Description = "Kernel arguments for every node of the farm", DefaultValueFactory = _ => "" };
        var prefixes = new Option<string[]>("--ipv6-prefix") { Description = "IPv6 prefix of the farm (repeatable)", AllowMultipleArgumentsPerToken = true };
        create.Add(name);
        create.Add(runmode);
        create.Add(kernelArgs);
        var noEcho = new Option<bool>("--no-icmp-echo") { Description = "The farm's nodes do not answer ping on their management and public addresses (default: they do)" };
        create.Add(prefixes);
        create.Add(noEcho);
        create.Add(registry);
        create.Add(RegistryCli.JsonOption());
        create.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.CreateFarmAsync(new FarmCreate(parse.GetValue(name)!, null, parse.GetValue(prefixes) ?? [],
                new FarmBootProfile(parse.GetValue(runmode)!, parse.GetValue(kernelArgs)!), parse.GetValue(noEcho) ? false : null), c)), ct));
        return create;
    }

    /// <summary>`zos farm icmp-echo FARM on|off`: whether the farm's nodes answer ping (it reaches them in their desired state).</summary>
    public static Command IcmpEcho()
    {
        var registry = RegistryCli.RegistryOption();
        var command = new Command("icmp-echo", "Whether the farm's nodes answer ICMP echo (ping) on their management and public addresses");
        var farm = new Argument<uint>("farm-id");
        var answer = new Argument<string>("on|off") { Description = "on: answered (the default of a new farm); off: dropped" };
        answer.AcceptOnlyFromAmong("on", "off");
        command.Add(farm);
        command.Add(answer);
        command.Add(registry);
        command.Add(RegistryCli.JsonOption());
        command.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.SetFarmIcmpEchoAsync(parse.GetValue(farm), parse.GetValue(answer) == "on", c)), ct));
        return command;
    }

    public static Command Show()
    {
        var registry = RegistryCli.RegistryOption();
        var show = new Command("show", "Show a farm (public IPs with their users, boot MACs)");
        var showId = new Argument<uint>("farm-id");
        show.Add(showId);
        show.Add(registry);
        show.Add(RegistryCli.JsonOption());
        show.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.GetFarmAsync(parse.GetValue(showId), c)), ct));
        return show;
    }

    /// <summary>`zos farm ip add`.</summary>
    public static Command IpAdd()
    {
        var registry = RegistryCli.RegistryOption();
        var ipAdd = new Command("add", "Add a public IPv4 (CIDR) with its gateway");
        var ipFarm = new Argument<uint>("farm-id");
        var ipCidr = new Argument<string>("ip") { Description = "e.g. 203.0.113.10/24" };
        var gateway = new Option<string>("--gateway") { Description = "Gateway of the subnet", Required = true };
        ipAdd.Add(ipFarm);
        ipAdd.Add(ipCidr);
        ipAdd.Add(gateway);
        ipAdd.Add(registry);
        ipAdd.Add(RegistryCli.JsonOption());
        ipAdd.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.AddFarmIpAsync(parse.GetValue(ipFarm), new FarmIpAdd(parse.GetValue(ipCidr)!, parse.GetValue(gateway)!), c)), ct));
        return ipAdd;
    }

    /// <summary>`zos farm mac add`.</summary>
    public static Command MacAdd()
    {
        var registry = RegistryCli.RegistryOption();
        var macAdd = new Command("add", "Add (or update) a node MAC with its own kernel arguments");
        var macFarm = new Argument<uint>("farm-id");
        var macValue = new Argument<string>("mac") { Description = "e.g. 52:54:00:12:34:56" };
        var macArgs = new Option<string>("--kernel-args") { Description = "Extra kernel arguments for this node (e.g. vlan:priv=10)", DefaultValueFactory = _ => "" };
        macAdd.Add(macFarm);
        macAdd.Add(macValue);
        macAdd.Add(macArgs);
        macAdd.Add(registry);
        macAdd.Add(RegistryCli.JsonOption());
        macAdd.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.SetFarmMacAsync(parse.GetValue(macFarm), new BootMac(parse.GetValue(macValue)!, parse.GetValue(macArgs)!), c)), ct));
        return macAdd;
    }

    /// <summary>`zos farm public-config set`.</summary>
    public static Command PublicConfigSet()
    {
        var registry = RegistryCli.RegistryOption();
        var set = new Command("set", "Give a node a public config");
        var node = new Argument<string>("node-id");
        var ipv4 = new Option<string>("--ipv4") { Description = "Public IPv4 with prefix (in the farm's subnets)", Required = true };
        var gw4 = new Option<string>("--gw4") { Description = "IPv4 gateway", Required = true };
        var ipv6 = new Option<string?>("--ipv6") { Description = "Public IPv6 with prefix" };
        var gw6 = new Option<string?>("--gw6") { Description = "IPv6 gateway" };
        var domain = new Option<string?>("--domain") { Description = "Domain served by the node" };
        set.Add(node);
        foreach (var option in (Option[])[ipv4, gw4, ipv6, gw6, domain, registry, RegistryCli.JsonOption()])
            set.Add(option);
        set.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
        {
            var v6 = parse.GetValue(ipv6) is { } a6 ? new PublicIpConfig(a6, parse.GetValue(gw6) ?? "") : null;
            RegistryCli.Print(await client.SetPublicConfigAsync(parse.GetValue(node)!,
                new PublicConfig(new PublicIpConfig(parse.GetValue(ipv4)!, parse.GetValue(gw4)!), v6, parse.GetValue(domain)), c));
        }, ct));
        return set;
    }

    /// <summary>`zos farm public-config unset`.</summary>
    public static Command PublicConfigUnset()
    {
        var registry = RegistryCli.RegistryOption();
        var unset = new Command("unset", "Remove a node's public config");
        var unsetNode = new Argument<string>("node-id");
        unset.Add(unsetNode);
        unset.Add(registry);
        unset.Add(RegistryCli.JsonOption());
        unset.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.UnsetPublicConfigAsync(parse.GetValue(unsetNode)!, c)), ct));
        return unset;
    }
}
