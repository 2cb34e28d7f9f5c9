using System.Globalization;
using System.Net;
using Zos.Core.Networks;
using Zos.Linux.Processes;

namespace Zos.Linux.WireGuard;

/// <summary>
/// Reads and configures a device with the wg tool (for kernel devices, which speak generic netlink rather than the
/// socket protocol): <c>wg show NAME dump</c> and <c>wg set NAME ...</c>, run in the namespace that holds the link.
/// The private key goes through standard input, never the command line.
/// </summary>
public sealed class WireGuardToolClient
{
    /// <summary>Targets <paramref name="name"/> in <paramref name="networkNamespace"/> (null: current).</summary>
    public WireGuardToolClient(string name, string? networkNamespace)
    {
        Name = name;
        NetworkNamespace = networkNamespace;
    }

    /// <summary>The interface.</summary>
    public string Name { get; }

    /// <summary>The namespace that holds the link now (a kernel device is reached where its link is).</summary>
    public string? NetworkNamespace { get; set; }

    /// <summary>Reads the device with <c>wg show NAME dump</c>.</summary>
    public async Task<WireGuardDeviceState> GetAsync(CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunCheckedAsync(new HelperLaunch("wg", ["show", Name, "dump"], NetworkNamespace), $"read WireGuard device {Name}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return ParseDump(result.StdOut);
    }

    /// <summary>Applies <paramref name="update"/> with one <c>wg set</c>.</summary>
    public async Task SetAsync(WireGuardUpdate update, CancellationToken cancellationToken = default)
    {
        if (update.IsEmpty)
            return;
        var (args, stdin) = RenderSet(Name, update);
        await ProcessRunner.RunCheckedAsync(new HelperLaunch("wg", args, NetworkNamespace), $"configure WireGuard device {Name}", stdin,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The wg set arguments for <paramref name="update"/>, and the private key (base64) to feed on stdin. Pure.</summary>
    public static (IReadOnlyList<string> Args, string? Stdin) RenderSet(string name, WireGuardUpdate update)
    {
        List<string> args = ["set", name];
        string? stdin = null;
        if (update.ListenPort is { } port)
            args.AddRange(["listen-port", port.ToString(CultureInfo.InvariantCulture)]);
        if (update.PrivateKey is { } key)
        {
            // /proc/self/fd/0, not /dev/stdin: the node image has no udev to make the /dev/std* links (wg fopen()s the path).
            args.AddRange(["private-key", "/proc/self/fd/0"]);
            stdin = key.ToBase64() + "\n";
        }
        foreach (var peer in update.Peers)
        {
            args.AddRange(["peer", peer.PublicKey.ToBase64()]);
            if (peer.Remove)
            {
                args.Add("remove");
                continue;
            }
            if (peer.Endpoint is { } endpoint)
                args.AddRange(["endpoint", endpoint.ToString()]);
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                args.AddRange(["persistent-keepalive", keepalive == 0 ? "off" : keepalive.ToString(CultureInfo.InvariantCulture)]);
            if (peer.AllowedIps is { } allowed)
                args.AddRange(["allowed-ips", string.Join(',', allowed)]);
        }
        return (args, stdin);
    }

    /// <summary>Parses <c>wg show NAME dump</c> (tab-separated; first line the device, then one line per peer). Pure.</summary>
    public static WireGuardDeviceState ParseDump(string dump)
    {
        var lines = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            throw new FormatException("wg show dump is empty");
        var device = lines[0].Split('\t');
        if (device.Length < 4)
            throw new FormatException($"wg show dump device line has {device.Length} fields, expected 4: '{lines[0]}'");
        WireGuardKey? privateKey = device[0] == "(none)" ? null : WireGuardKey.FromBase64(device[0]);
        var port = ushort.Parse(device[2], CultureInfo.InvariantCulture);
        var fwmark = device[3] == "off" ? 0u : uint.Parse(device[3].StartsWith("0x", StringComparison.Ordinal) ? device[3][2..] : device[3],
            device[3].StartsWith("0x", StringComparison.Ordinal) ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture);
        var peers = new List<WireGuardPeerState>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 8)
                throw new FormatException($"wg show dump peer line has {f.Length} fields, expected 8: '{line}'");
            var endpoint = f[2] == "(none)" ? null : IPEndPoint.Parse(f[2]);
            var allowed = f[3] == "(none)" ? [] : f[3].Split(',').Select(IPNetwork.Parse).ToList();
            var handshake = long.Parse(f[4], CultureInfo.InvariantCulture);
            peers.Add(new WireGuardPeerState(WireGuardKey.FromBase64(f[0]), endpoint, allowed,
                f[7] == "off" ? (ushort)0 : ushort.Parse(f[7], CultureInfo.InvariantCulture),
                handshake == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(handshake),
                long.Parse(f[5], CultureInfo.InvariantCulture), long.Parse(f[6], CultureInfo.InvariantCulture)));
        }
        return new WireGuardDeviceState(privateKey, port, fwmark, peers);
    }
}
