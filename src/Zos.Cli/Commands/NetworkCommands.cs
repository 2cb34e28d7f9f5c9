using System.CommandLine;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Linux.WireGuard;

namespace Zos.Cli.Commands;

/// <summary>`zos network create|add|remove|show|join`: user networks in the registry.</summary>
internal static class NetworkCommands
{
    public static Command Create()
    {
        var registry = RegistryCli.RegistryOption();
        var create = new Command("create", "Create a network owned by your account");
        var name = new Argument<string>("name");
        var range = new Option<string>("--range") { Description = "IPv4 /16, e.g. 10.20.0.0/16", Required = true };
        create.Add(name);
        create.Add(range);
        create.Add(registry);
        create.Add(RegistryCli.JsonOption());
        create.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.CreateNetworkAsync(new NetworkCreate(parse.GetValue(name)!, parse.GetValue(range)!), c)), ct));
        return create;
    }

    public static Command Add()
    {
        var registry = RegistryCli.RegistryOption();
        var add = new Command("add", "Add a node to a network");
        var addNet = new Argument<string>("netid");
        var addNode = new Argument<string>("node-id");
        var subnet = new Option<string?>("--subnet") { Description = "The node's /24 (allocated when omitted)" };
        add.Add(addNet);
        add.Add(addNode);
        add.Add(subnet);
        add.Add(registry);
        add.Add(RegistryCli.JsonOption());
        add.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.AddNetworkMemberAsync(parse.GetValue(addNet)!, new NetworkMemberAdd(parse.GetValue(addNode)!, parse.GetValue(subnet)), c)), ct));
        return add;
    }

    public static Command Remove()
    {
        var registry = RegistryCli.RegistryOption();
        var remove = new Command("remove", "Remove a member (node id or user-access name)");
        var removeNet = new Argument<string>("netid");
        var member = new Argument<string>("member");
        remove.Add(removeNet);
        remove.Add(member);
        remove.Add(registry);
        remove.Add(RegistryCli.JsonOption());
        remove.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.RemoveNetworkMemberAsync(parse.GetValue(removeNet)!, parse.GetValue(member)!, c)), ct));
        return remove;
    }

    public static Command Show()
    {
        var registry = RegistryCli.RegistryOption();
        var show = new Command("show", "Show a network and its members");
        var showNet = new Argument<string>("netid");
        show.Add(showNet);
        show.Add(registry);
        show.Add(RegistryCli.JsonOption());
        show.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.GetNetworkAsync(parse.GetValue(showNet)!, c)), ct));
        return show;
    }

    public static Command Join()
    {
        var registry = RegistryCli.RegistryOption();
        var join = new Command("join", "Join this machine as a user-access member: prints a wg-quick config (the private key stays here)");
        var joinNet = new Argument<string>("netid");
        var joinName = new Argument<string>("name") { Description = "Member name, e.g. laptop" };
        join.Add(joinNet);
        join.Add(joinName);
        join.Add(registry);
        join.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, config, c) =>
        {
            var netId = parse.GetValue(joinNet)!;
            var memberName = parse.GetValue(joinName)!;
            // A member that joined before keeps its key: joining again answers the current configuration.
            var keys = config.LoadWireGuardKey(netId, memberName) is { } kept ? WireGuardKeyPair.FromPrivateKey(kept) : WireGuardKeyPair.Generate();
            var answer = await client.JoinNetworkAsync(netId, new UserAccessJoin(memberName, keys.PublicKey.ToBase64()), c);
            var keyPath = config.SaveWireGuardKey(netId, memberName, keys.PrivateKey);
            // Nothing on stdout unless it is the whole file: `zos network join ... > wg0.conf` must not leave an empty file
            // that looks like a configuration.
            if (answer.WgQuick is null)
            {
                throw new CliFailure(ExitCodes.NotReady,
                    $"joined {netId} as {memberName} ({answer.Subnet}), but the mesh is not ready yet: {answer.MeshError}; nothing was printed. "
                    + $"Run the same `zos network join {netId} {memberName}` again later (the key stays in {keyPath})");
            }
            Console.Write(answer.WgQuick.Replace(answer.PrivateKeyMarker, keys.PrivateKey.ToBase64(), StringComparison.Ordinal));
            CliMessages.Note(Console.Error, $"private key kept in {keyPath}");
        }, ct));
        return join;
    }
}
