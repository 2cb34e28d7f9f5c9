namespace Zos.Protocols.Dhcp;

/// <summary>One option as it is on the wire after RFC 3396 concatenation: a code and its whole value.</summary>
public readonly record struct DhcpOption(byte Code, ReadOnlyMemory<byte> Data)
{
    public override string ToString() => $"{Code}[{Data.Length}]={Convert.ToHexStringLower(Data.Span)}";
}
