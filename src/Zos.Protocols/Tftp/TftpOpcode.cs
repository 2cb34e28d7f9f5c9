namespace Zos.Protocols.Tftp;

/// <summary>TFTP opcodes: RFC 1350 §5 (1-5) and RFC 2347 (6, option acknowledgment).</summary>
public enum TftpOpcode : ushort
{
    ReadRequest = 1,
    WriteRequest = 2,
    Data = 3,
    Ack = 4,
    Error = 5,
    OptionAck = 6,
}
