using System.Net;
using Zos.Protocols.Tftp;

namespace Zos.Boot.Tftp;

/// <summary>Where the TFTP server listens, what it serves and its negotiation limits.</summary>
public sealed record TftpServerOptions
{
    /// <summary>The directory served (read-only). Nothing outside it is ever read.</summary>
    public required string Root { get; init; }

    /// <summary>UDP endpoint of the well-known port (69); port 0 picks a free one (tests).</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Any, 69);

    public TftpTransferLimits Limits { get; init; } = new();

    /// <summary>Transfers running at once; further requests get "server busy" until one ends.</summary>
    public int MaxConcurrentTransfers { get; init; } = 256;
}
