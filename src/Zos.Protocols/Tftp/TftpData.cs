namespace Zos.Protocols.Tftp;

/// <summary>DATA: <c>3 | block | 0..blksize bytes</c> (RFC 1350 §5).</summary>
public sealed record TftpData(ushort Block, ReadOnlyMemory<byte> Payload) : TftpPacket(TftpOpcode.Data);
