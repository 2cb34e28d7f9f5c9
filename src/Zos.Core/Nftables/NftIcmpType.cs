namespace Zos.Core.Nftables;

/// <summary>ICMPv4 types nft knows by name (RFC 792).</summary>
public enum NftIcmpType
{
    /// <summary>echo-reply (0).</summary>
    EchoReply,
    /// <summary>destination-unreachable (3).</summary>
    DestinationUnreachable,
    /// <summary>echo-request (8).</summary>
    EchoRequest,
    /// <summary>time-exceeded (11).</summary>
    TimeExceeded,
    /// <summary>parameter-problem (12).</summary>
    ParameterProblem,
}
