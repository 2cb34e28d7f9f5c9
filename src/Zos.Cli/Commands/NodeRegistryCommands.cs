using System.CommandLine;
using Zos.Core.Contracts;

namespace Zos.Cli.Commands;

/// <summary>`zos node list|show`: nodes as the registry knows them (they share the `node` verb with the daemon commands).</summary>
internal static class NodeRegistryCommands
{
    public static Command List()
    {
        var registry = RegistryCli.RegistryOption();
        var list = new Command("list", "List nodes: id, farm, status, last seen, uptime %");
        var farm = new Option<uint?>("--farm") { Description = "Only this farm's nodes" };
        var status = new Option<string?>("--status") { Description = "up or down" };
        status.AcceptOnlyFromAmong("up", "down");
        var orphans = new Option<bool>("--orphans") { Description = "Only nodes without a farm" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        list.Add(farm);
        list.Add(status);
        list.Add(orphans);
        list.Add(json);
        list.Add(registry);
        list.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
        {
            NodeStatus? s = parse.GetValue(status) switch
            {
                null => null,
                "up" => NodeStatus.Up,
                "down" => NodeStatus.Down,
                var other => throw new ArgumentException($"--status '{other}' is neither up nor down"),
            };
            var nodes = await client.ListNodesAsync(parse.GetValue(farm), s, parse.GetValue(orphans), c);
            if (parse.GetValue(json))
            {
                RegistryCli.Print(nodes);
                return;
            }
            Console.WriteLine($"{"NODE",-46} {"FARM",6} {"STATUS",-6} {"LAST SEEN (UTC)",-20} {"UPTIME",7}");
            foreach (var n in nodes)
                Console.WriteLine($"{n.Id,-46} {n.FarmId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",6} {n.Status.ToString().ToLowerInvariant(),-6} {n.LastSeen.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {n.UptimePercent,6:0.0}%");
        }, ct));
        return list;
    }

    public static Command Show()
    {
        var registry = RegistryCli.RegistryOption();
        var show = new Command("show", "Show one node");
        var id = new Argument<string>("node-id");
        show.Add(id);
        show.Add(registry);
        show.Add(RegistryCli.JsonOption());
        show.SetAction((parse, ct) => RegistryCli.RunAsync(parse, registry, async (client, _, c) =>
            RegistryCli.Print(await client.GetNodeAsync(parse.GetValue(id)!, c)), ct));
        return show;
    }
}
