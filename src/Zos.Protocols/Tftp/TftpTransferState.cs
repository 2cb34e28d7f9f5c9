namespace Zos.Protocols.Tftp;

public enum TftpTransferState
{
    NotStarted,
    AwaitingOptionAck,
    AwaitingDataAck,
    Complete,
    Failed,
}
