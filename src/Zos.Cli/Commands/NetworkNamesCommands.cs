using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Cli.Commands;

/// <summary>`zos network names`: the names and addresses Zero-OS derives for a user network (Zos.Core.Naming).</summary>
internal static class NetworkNamesCommands
{
    public static Command Names()
    {
        var owner = new Option<string>("--owner") { Description = "Owner of the network (twin/account id), e.g. 42", Required = true };
        var name = new Option<string>("--name") { Description = "Network name, e.g. mynet", Required = true };
        var subnet = new Option<string?>("--subnet") { Description = "A member's subnet (IPv4 /24 inside the network range), e.g. 10.20.3.0/24" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var names = new Command("names", "Print the NetID, namespace/bridge/WireGuard/gateway names and, for --subnet, the member's addresses")
        {
            owner, name, subnet, json,
        };
        names.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var ownerText = parseResult.GetRequiredValue(owner);
            var nameText = parseResult.GetRequiredValue(name);
            if (string.IsNullOrWhiteSpace(ownerText) || string.IsNullOrWhiteSpace(nameText))
            {
                return CliMessages.Fail(parseResult.InvocationConfiguration.Error, ExitCodes.Usage,
                    $"--owner '{ownerText}' and --name '{nameText}' must not be empty");
            }
            IPNetwork? member = null;
            if (parseResult.GetValue(subnet) is { } subnetText)
            {
                if (!InterfaceAddress.TryParse(subnetText, out var parsed) || parsed.Family != System.Net.Sockets.AddressFamily.InterNetwork
                    || !parsed.Network.BaseAddress.Equals(parsed.Address))
                {
                    return CliMessages.Fail(parseResult.InvocationConfiguration.Error, ExitCodes.Usage, $"--subnet '{subnetText}' is not an IPv4 subnet (e.g. 10.20.3.0/24)");
                }
                member = parsed.Network;
            }
            var n = NetworkNames.Derive(ownerText, nameText, member);
            output.Write(parseResult.GetValue(json) ? ToJson(n) : ToText(n));
            return ExitCodes.Ok;
        });
        return names;
    }

    private static string ToText(NetworkNames n)
    {
        var sb = new StringBuilder();
        void Line(string label, string value) => sb.Append(label.PadRight(19)).Append(value).Append('\n');
        Line("network:", $"{n.Name} (owner {n.Owner})");
        Line("NetID:", n.NetId.Value);
        Line("namespace:", n.Namespace);
        Line("bridge:", n.Bridge);
        Line("wireguard:", $"{n.WireGuard} (inside {n.Namespace})");
        Line("gateway link:", $"{n.GatewayLink} (macvlan on {n.Bridge}, inside {n.Namespace})");
        Line("mycelium bridge:", n.MyceliumBridge);
        Line("ULA prefixes:", n.UlaPrefixPattern);
        if (n.Subnet is { } s)
        {
            Line("subnet:", s.Subnet.ToString());
            Line("gateway IPv4:", s.Gateway4.ToString());
            Line("gateway IPv6:", s.Gateway6.ToString());
            Line("ULA prefix:", s.UlaPrefix.ToString());
            Line("wireguard address:", s.WireGuard.ToString());
        }
        return sb.ToString();
    }

    private static string ToJson(NetworkNames n)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("owner", n.Owner);
            w.WriteString("name", n.Name);
            w.WriteString("netId", n.NetId.Value);
            w.WriteString("namespace", n.Namespace);
            w.WriteString("bridge", n.Bridge);
            w.WriteString("wireguard", n.WireGuard);
            w.WriteString("gatewayLink", n.GatewayLink);
            w.WriteString("myceliumBridge", n.MyceliumBridge);
            w.WriteString("ulaPrefixPattern", n.UlaPrefixPattern);
            if (n.Subnet is { } s)
            {
                w.WriteStartObject("subnet");
                w.WriteString("subnet", s.Subnet.ToString());
                w.WriteString("gateway4", s.Gateway4.ToString());
                w.WriteString("gateway6", s.Gateway6.ToString());
                w.WriteString("ulaPrefix", s.UlaPrefix.ToString());
                w.WriteString("wireguardAddress", s.WireGuard.ToString());
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
