using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>
/// The WireGuard cross-platform configuration protocol (https://www.wireguard.com/xplatform/): "get=1" and "set=1"
/// requests of key=value lines ending with an empty line, answered with key=value lines ending in "errno=N" and an
/// empty line. Pure rendering and parsing; keys are lowercase hex.
/// </summary>
public static class WireGuardUapi
{
    /// <summary>The get request.</summary>
    public const string GetRequest = "get=1\n\n";

    /// <summary>Renders the set request for <paramref name="update"/> (never replace_peers: unchanged peers are not mentioned).</summary>
    public static string RenderSet(WireGuardUpdate update)
    {
        var sb = new StringBuilder("set=1\n");
        if (update.PrivateKey is { } key)
            sb.Append("private_key=").Append(key.ToHex()).Append('\n');
        if (update.ListenPort is { } port)
            sb.Append(CultureInfo.InvariantCulture, $"listen_port={port}\n");
        foreach (var peer in update.Peers)
        {
            sb.Append("public_key=").Append(peer.PublicKey.ToHex()).Append('\n');
            if (peer.Remove)
            {
                sb.Append("remove=true\n");
                continue;
            }
            if (peer.Endpoint is { } endpoint)
                sb.Append("endpoint=").Append(endpoint.ToString()).Append('\n');
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                sb.Append(CultureInfo.InvariantCulture, $"persistent_keepalive_interval={keepalive}\n");
            if (peer.AllowedIps is { } allowed)
            {
                sb.Append("replace_allowed_ips=true\n");
                foreach (var prefix in allowed)
                    sb.Append("allowed_ip=").Append(prefix.ToString()).Append('\n');
            }
        }
        return sb.Append('\n').ToString();
    }

    /// <summary>
    /// Parses a get response (the lines before the empty line). Throws <see cref="WireGuardException"/> for a non-zero
    /// errno and <see cref="FormatException"/> naming the line for malformed values.
    /// </summary>
    public static WireGuardDeviceState ParseGet(string response)
    {
        WireGuardKey? privateKey = null;
        ushort listenPort = 0;
        uint fwmark = 0;
        var peers = new List<WireGuardPeerState>();
        PeerBuilder? peer = null;
        int? errno = null;
        foreach (var raw in response.Split('\n'))
        {
            if (raw.Length == 0)
                continue;
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException($"malformed WireGuard protocol line '{raw}'");
            var (k, v) = (raw[..eq], raw[(eq + 1)..]);
            switch (k)
            {
                case "private_key":
                    var pk = WireGuardKey.FromHex(v);
                    privateKey = pk.IsZero ? null : pk;
                    break;
                case "listen_port":
                    listenPort = ParseNumber<ushort>(raw, v);
                    break;
                case "fwmark":
                    fwmark = ParseNumber<uint>(raw, v);
                    break;
                case "public_key":
                    if (peer is not null)
                        peers.Add(peer.Build());
                    peer = new PeerBuilder(WireGuardKey.FromHex(v));
                    break;
                case "errno":
                    errno = ParseNumber<int>(raw, v);
                    break;
                default:
                    if (peer is null)
                    {
                        // Device-level keys this parser does not model (e.g. a future key) are ignored.
                        break;
                    }
                    peer.Set(raw, k, v);
                    break;
            }
        }
        if (peer is not null)
            peers.Add(peer.Build());
        if (errno is null)
            throw new FormatException("WireGuard get response without errno line");
        if (errno != 0)
            throw new WireGuardException($"WireGuard get failed with errno {errno}");
        return new WireGuardDeviceState(privateKey, listenPort, fwmark, peers);
    }

    /// <summary>Parses the errno of a set response; throws <see cref="WireGuardException"/> when it is not 0.</summary>
    public static void CheckSetResponse(string response, string what)
    {
        foreach (var line in response.Split('\n'))
        {
            if (line.StartsWith("errno=", StringComparison.Ordinal))
            {
                var errno = ParseNumber<int>(line, line[6..]);
                if (errno != 0)
                    throw new WireGuardException($"{what}: the device refused the configuration (errno {errno})");
                return;
            }
        }
        throw new FormatException($"{what}: WireGuard set response without errno line: '{response.Trim()}'");
    }

    private static T ParseNumber<T>(string line, string value) where T : IBinaryInteger<T> =>
        T.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"invalid number in WireGuard protocol line '{line}'");

    private sealed class PeerBuilder(WireGuardKey key)
    {
        private readonly List<IPNetwork> _allowed = [];
        private IPEndPoint? _endpoint;
        private ushort _keepalive;
        private long _sec, _nsec, _rx, _tx;

        public void Set(string line, string k, string v)
        {
            switch (k)
            {
                case "endpoint":
                    _endpoint = IPEndPoint.TryParse(v, out var ep) ? ep : throw new FormatException($"invalid endpoint in WireGuard protocol line '{line}'");
                    break;
                case "allowed_ip":
                    _allowed.Add(IPNetwork.TryParse(v, out var net) ? net : throw new FormatException($"invalid prefix in WireGuard protocol line '{line}'"));
                    break;
                case "persistent_keepalive_interval":
                    _keepalive = ParseNumber<ushort>(line, v);
                    break;
                case "last_handshake_time_sec":
                    _sec = ParseNumber<long>(line, v);
                    break;
                case "last_handshake_time_nsec":
                    _nsec = ParseNumber<long>(line, v);
                    break;
                case "rx_bytes":
                    _rx = ParseNumber<long>(line, v);
                    break;
                case "tx_bytes":
                    _tx = ParseNumber<long>(line, v);
                    break;
                default:
                    // preshared_key, protocol_version and future keys.
                    break;
            }
        }

        public WireGuardPeerState Build() => new(key, _endpoint, _allowed, _keepalive,
            _sec == 0 && _nsec == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(_sec).AddTicks(_nsec / 100), _rx, _tx);
    }
}
