namespace Zos.Protocols.Tftp;

/// <summary>ERROR: <c>5 | code | message 0</c> (RFC 1350 §5).</summary>
public sealed record TftpError(TftpErrorCode Code, string Message) : TftpPacket(TftpOpcode.Error);
