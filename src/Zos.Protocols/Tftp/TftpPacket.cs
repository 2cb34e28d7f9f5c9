namespace Zos.Protocols.Tftp;

/// <summary>A decoded TFTP packet (RFC 1350 §5, RFC 2347).</summary>
public abstract record TftpPacket(TftpOpcode Opcode);
