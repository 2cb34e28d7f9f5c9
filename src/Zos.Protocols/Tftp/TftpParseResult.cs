namespace Zos.Protocols.Tftp;

/// <summary>The outcome of decoding one datagram: a packet, or why it is not one (never an exception).</summary>
public readonly record struct TftpParseResult(TftpPacket? Packet, string? Error)
{
    public bool IsSuccess => Packet is not null;

    public static TftpParseResult Ok(TftpPacket packet) => new(packet, null);

    public static TftpParseResult Fail(string error) => new(null, error);
}
