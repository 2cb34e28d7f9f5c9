namespace Zos.Protocols.Tftp;

/// <summary>OACK: <c>6 | (option 0 value 0)*</c>, only the options the server accepted (RFC 2347).</summary>
public sealed record TftpOptionAck(IReadOnlyList<KeyValuePair<string, string>> Options) : TftpPacket(TftpOpcode.OptionAck);
