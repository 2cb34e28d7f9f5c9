using System.CommandLine;
using System.Globalization;

namespace Zos.Cli.Commands;

/// <summary>
/// The farmer's consent for nodes: `zos farm node pending|approve|refuse|remove`, `zos farm token create|list|revoke`
/// and `zos farm delete`, signed with the account key. A node joins a farm when its MAC is on the farm's list (`zos
/// farm mac add`), when it boots with a farm token (zos-farm-token=), or when the farmer approves it here.
/// </summary>
internal static class FarmEnrollmentCommands
{
    public static Command Delete()
    {
        var registry = RegistryCli.RegistryOption();
        var delete = new Command("delete", "Delete a farm that has no nodes left (its tokens and pending requests go with it)");
        var farm = new Argument<uint>("farm-id");
        delete.Add(farm);
        delete.Add(registry);
        delete.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
        {
            await client.DeleteFarmAsync(parse.GetValue(farm), c);
            Console.WriteLine($"farm {parse.GetValue(farm).ToString(CultureInfo.InvariantCulture)} deleted");
        }, ct));
        return delete;
    }

    /// <summary>`zos farm node pending`: the nodes waiting for the farmer (and those refused).</summary>
    public static Command Pending()
    {
        var registry = RegistryCli.RegistryOption();
        var pending = new Command("pending", "Nodes that asked to join the farm without its consent (pending or refused), oldest first");
        var farm = new Argument<uint>("farm-id");
        pending.Add(farm);
        pending.Add(registry);
        pending.Add(RegistryCli.JsonOption());
        pending.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.ListPendingNodesAsync(parse.GetValue(farm), c)), ct));
        return pending;
    }

    public static Command Approve() => Decision("approve", "Let a pending (or refused) node join the farm; it goes on without a reboot",
        (client, farm, node, ct) => client.ApproveNodeAsync(farm, node, ct));

    public static Command Refuse() => Decision("refuse", "Refuse a pending node: its registrations are refused until you approve or remove it",
        (client, farm, node, ct) => client.RefuseNodeAsync(farm, node, ct));

    /// <summary>`zos farm node remove`: the node leaves the farm and every network it was in.</summary>
    public static Command Remove()
    {
        var registry = RegistryCli.RegistryOption();
        var remove = new Command("remove", "Remove a node from the farm and from every network it is in (its registration is deleted; " +
                                           "if its MAC stays on the farm's list it can join again: `zos farm mac` manages the list)");
        var farm = new Argument<uint>("farm-id");
        var node = new Argument<string>("node-id");
        remove.Add(farm);
        remove.Add(node);
        remove.Add(registry);
        remove.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
        {
            await client.RemoveFarmNodeAsync(parse.GetValue(farm), parse.GetValue(node)!, c);
            Console.WriteLine($"node {parse.GetValue(node)} removed from farm {parse.GetValue(farm).ToString(CultureInfo.InvariantCulture)}");
        }, ct));
        return remove;
    }

    /// <summary>`zos farm token create`: the secret is printed this once.</summary>
    public static Command TokenCreate()
    {
        var registry = RegistryCli.RegistryOption();
        var create = new Command("create", "Create a farm enrollment token: nodes booting with zos-farm-token=<secret> join without approval");
        var farm = new Argument<uint>("farm-id");
        create.Add(farm);
        create.Add(registry);
        create.Add(RegistryCli.JsonOption());
        create.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
        {
            var created = await client.CreateFarmTokenAsync(parse.GetValue(farm), c);
            RegistryCli.Print(created);
            CliMessages.Note(Console.Error,
                "the secret is shown this once (the registry keeps only its hash). Give it to nodes as zos-farm-token=<secret>: " +
                "`zos boot serve --farm-token-file FILE` or `zos boot media --farm-token-file FILE`; revoke it with `zos farm token revoke`.");
        }, ct));
        return create;
    }

    public static Command TokenList()
    {
        var registry = RegistryCli.RegistryOption();
        var list = new Command("list", "The farm's enrollment tokens: id, created, revoked, uses (never the secret)");
        var farm = new Argument<uint>("farm-id");
        list.Add(farm);
        list.Add(registry);
        list.Add(RegistryCli.JsonOption());
        list.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.ListFarmTokensAsync(parse.GetValue(farm), c)), ct));
        return list;
    }

    public static Command TokenRevoke()
    {
        var registry = RegistryCli.RegistryOption();
        var revoke = new Command("revoke", "Revoke an enrollment token: no new node joins with it (those that did stay)");
        var farm = new Argument<uint>("farm-id");
        var token = new Argument<long>("token-id");
        revoke.Add(farm);
        revoke.Add(token);
        revoke.Add(registry);
        revoke.Add(RegistryCli.JsonOption());
        revoke.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.RevokeFarmTokenAsync(parse.GetValue(farm), parse.GetValue(token), c)), ct));
        return revoke;
    }

    private static Command Decision(string name, string description, Func<Zos.Client.RegistryClient, uint, string, CancellationToken, Task<Zos.Core.Contracts.NodeView>> decide)
    {
        var registry = RegistryCli.RegistryOption();
        var command = new Command(name, description);
        var farm = new Argument<uint>("farm-id");
        var node = new Argument<string>("node-id");
        command.Add(farm);
        command.Add(node);
        command.Add(registry);
        command.Add(RegistryCli.JsonOption());
        command.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await decide(client, parse.GetValue(farm), parse.GetValue(node)!, c)), ct));
        return command;
    }
}
