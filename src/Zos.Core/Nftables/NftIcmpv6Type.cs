namespace Zos.Core.Nftables;

/// <summary>ICMPv6 types nft knows by name (RFC 4443, RFC 4861).</summary>
public enum NftIcmpv6Type
{
    /// <summary>destination-unreachable (1).</summary>
    DestinationUnreachable,
    /// <summary>packet-too-big (2): needed for path MTU discovery.</summary>
    PacketTooBig,
    /// <summary>time-exceeded (3).</summary>
    TimeExceeded,
    /// <summary>parameter-problem (4).</summary>
    ParameterProblem,
    /// <summary>echo-request (128).</summary>
    EchoRequest,
    /// <summary>echo-reply (129).</summary>
    EchoReply,
    /// <summary>nd-router-solicit (133).</summary>
    NdRouterSolicit,
    /// <summary>nd-router-advert (134).</summary>
    NdRouterAdvert,
    /// <summary>nd-neighbor-solicit (135).</summary>
    NdNeighborSolicit,
    /// <summary>nd-neighbor-advert (136).</summary>
    NdNeighborAdvert,
}
