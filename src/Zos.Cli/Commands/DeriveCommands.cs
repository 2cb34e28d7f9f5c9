using System.CommandLine;
using System.Globalization;
using Zos.Core.Naming;

namespace Zos.Cli.Commands;

/// <summary>`zos derive mac TEXT` and `zos derive node-macs NODEID`: Zero-OS's deterministic MACs (Zos.Core.Naming.DerivedMac).</summary>
internal static class DeriveCommands
{
    public static Command Mac()
    {
        var input = new Argument<string>("text") { Description = "The text Zero-OS derives the MAC from, e.g. <nodeId>-ndmz4 or ygg:<name>" };
        var hex = new Option<bool>("--hex") { Description = "Read TEXT as hex bytes (e.g. 42 for the single byte 0x42)" };
        var mac = new Command("mac", "Print the MAC Zero-OS derives from TEXT (md5-based, locally administered)") { input, hex };
        mac.SetAction(parseResult =>
        {
            var text = parseResult.GetRequiredValue(input);
            if (!parseResult.GetValue(hex))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(DerivedMac.FromText(text).ToString());
                return ExitCodes.Ok;
            }
            if (text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
            {
                return CliMessages.Fail(parseResult.InvocationConfiguration.Error, ExitCodes.Usage, $"<text>: '{text}' is not hex bytes (an even number of hex digits), as --hex wants");
            }
            var bytes = Convert.FromHexString(text);
            parseResult.InvocationConfiguration.Output.WriteLine(DerivedMac.FromBytes(bytes).ToString());
            return ExitCodes.Ok;
        });
        return mac;
    }

    public static Command NodeMacs()
    {
        var nodeId = new Argument<string>("node-id") { Description = "The node id (base58 of its Ed25519 public key)" };
        var nodeMacs = new Command("node-macs", "Print the MACs a node's npub4, npub6 and public interfaces get") { nodeId };
        nodeMacs.SetAction(parseResult =>
        {
            var id = parseResult.GetRequiredValue(nodeId);
            var o = parseResult.InvocationConfiguration.Output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{InterfaceNames.Npub4,-7} {DerivedMac.ForNpub4(id)}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{InterfaceNames.Npub6,-7} {DerivedMac.ForNpub6(id)}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{InterfaceNames.Public,-7} {DerivedMac.ForPublic(id)}"));
            return ExitCodes.Ok;
        });
        return nodeMacs;
    }
}
