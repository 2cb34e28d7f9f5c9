using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;

namespace Zos.Linux.Nftables;

/// <summary>
/// Reads a namespace's nftables ruleset generation over NETLINK_NETFILTER (NFT_MSG_GETGEN, linux/netfilter/nf_tables.h):
/// the kernel's per-namespace counter that every committed transaction increments (nf_tables_api.c, base_seq), whoever
/// made it. An unchanged generation means an unchanged ruleset, so a ruleset verified once needs no <c>nft list</c> to
/// stay trusted. One request and one reply on a socket kept open: no process, no namespace switch.
/// </summary>
public sealed class NftGeneration : IDisposable
{
    // NFNL_SUBSYS_NFTABLES (10) << 8 | NFT_MSG_GETGEN (16) / NFT_MSG_NEWGEN (15); NFTA_GEN_ID = 1 (u32, network order).
    private const ushort GetGenType = (10 << 8) | 16;
    private const ushort NewGenType = (10 << 8) | 15;
    private const ushort GenIdAttribute = 1;

    private readonly NetlinkSocket _socket;

    private NftGeneration(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens a reader for the calling thread's namespace.</summary>
    public static NftGeneration Open() => new(NetlinkSocket.Wrap(NetlinkSocket.OpenRaw(0, LibC.NETLINK_NETFILTER)));

    /// <summary>Opens a reader for <paramref name="ns"/> (socket created on a dedicated setns'd thread).</summary>
    public static NftGeneration Open(NetworkNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new(NetlinkSocket.Wrap(ns.Run($"open nftables netlink in {ns.Label}", static () => NetlinkSocket.OpenRaw(0, LibC.NETLINK_NETFILTER))));
    }

    /// <summary>The current generation.</summary>
    public uint Read() => _socket.Get("read the nftables generation", GetGenType,
        static (ref NetlinkWriter w) => w.WriteNfGenMsg(0),
        static m => m.Header.Type == NewGenType ? Decode(m.Payload) : null).Value;

    /// <summary>NFTA_GEN_ID from an NFT_MSG_NEWGEN payload (nfgenmsg, then attributes).</summary>
    internal static StrongBox<uint> Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
            throw new NetlinkFormatException($"nftables generation reply: {payload.Length} bytes, shorter than nfgenmsg (4)");
        var reader = new NetlinkAttributeReader(payload[4..]);
        while (reader.TryRead(out var a))
        {
            if (a.Type == GenIdAttribute)
            {
                if (a.Value.Length < 4)
                    throw new NetlinkFormatException($"nftables generation reply: NFTA_GEN_ID has {a.Value.Length} bytes, expected 4");
                return new StrongBox<uint>(BinaryPrimitives.ReadUInt32BigEndian(a.Value));
            }
        }
        throw new NetlinkFormatException("nftables generation reply without NFTA_GEN_ID");
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
