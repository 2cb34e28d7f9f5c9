namespace Zos.Protocols.Tftp;

/// <summary>ACK: <c>4 | block</c> (RFC 1350 §5); block 0 acknowledges an OACK (RFC 2347).</summary>
public sealed record TftpAck(ushort Block) : TftpPacket(TftpOpcode.Ack);
