namespace Zos.Protocols.Tftp;

public enum TftpActionKind
{
    /// <summary>Nothing to send (a duplicate or stray ACK, or the deadline has not passed).</summary>
    None,
    SendOptionAck,
    SendData,
    /// <summary>The last block was acknowledged.</summary>
    Complete,
    /// <summary>Retries are exhausted: give up (RFC 1350 sends no error for a timeout).</summary>
    GiveUp,
}
