namespace Zos.Protocols.Tftp;

/// <summary>
/// What a read transfer wants done next. For DATA: the wire block number and the byte range of the file it carries
/// (the caller reads the bytes; the state machine does no IO).
/// </summary>
public readonly record struct TftpAction(TftpActionKind Kind, ushort Block = 0, long Offset = 0, int Length = 0, bool IsRetransmission = false)
{
    public static TftpAction None => new(TftpActionKind.None);
}
