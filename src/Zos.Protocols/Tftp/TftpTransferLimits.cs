namespace Zos.Protocols.Tftp;

/// <summary>What a server allows in option negotiation and how patiently it retransmits.</summary>
public sealed record TftpTransferLimits
{
    /// <summary>RFC 1350's fixed block size, used when the client sends no blksize option.</summary>
    public const int DefaultBlockSize = 512;

    /// <summary>RFC 2348: valid blksize values are 8 to 65464.</summary>
    public const int MinBlockSize = 8;

    public const int MaxProtocolBlockSize = 65464;

    /// <summary>1500 (Ethernet MTU) - 20 (IPv4) - 8 (UDP) - 4 (TFTP DATA header): a block that never fragments.</summary>
    public const int BlockSizeFor1500Mtu = 1468;

    /// <summary>The largest blksize granted; requests above it are clamped (RFC 2348 allows a smaller answer).</summary>
    public int MaxBlockSize { get; init; } = BlockSizeFor1500Mtu;

    /// <summary>Retransmission timeout when the client does not ask for one with the timeout option.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retransmissions of one packet before the transfer is abandoned.</summary>
    public int MaxRetries { get; init; } = 5;
}
