using System.Globalization;

namespace Zos.Core.Nftables;

/// <summary><c>tcp dport { 9943, 9944 }</c> / <c>udp sport 68</c>.</summary>
public sealed record NftPortMatch : NftMatch
{
    /// <summary>Creates the match; the port list must be non-empty and ports non-zero.</summary>
    public NftPortMatch(NftTransport transport, bool destination, IReadOnlyList<ushort> ports)
    {
        if (ports.Count == 0)
            throw new ArgumentException("a port match needs at least one port", nameof(ports));
        if (ports.Contains((ushort)0))
            throw new ArgumentException("port 0 cannot be matched", nameof(ports));
        Transport = transport;
        Destination = destination;
        Ports = ports;
    }

    /// <summary>TCP or UDP.</summary>
    public NftTransport Transport { get; }

    /// <summary>True for dport.</summary>
    public bool Destination { get; }

    /// <summary>The ports.</summary>
    public IReadOnlyList<ushort> Ports { get; }

    /// <summary>TCP destination ports.</summary>
    public static NftPortMatch TcpDport(params ushort[] ports) => new(NftTransport.Tcp, true, ports);

    /// <summary>UDP destination ports.</summary>
    public static NftPortMatch UdpDport(params ushort[] ports) => new(NftTransport.Udp, true, ports);

    internal override string Render(NftFamily family)
    {
        var items = Ports.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        var set = items.Count == 1 ? items[0] : "{ " + string.Join(", ", items) + " }";
        return $"{(Transport == NftTransport.Tcp ? "tcp" : "udp")} {(Destination ? "dport" : "sport")} {set}";
    }
}
