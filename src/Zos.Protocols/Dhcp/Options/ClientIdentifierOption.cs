namespace Zos.Protocols.Dhcp.Options;

/// <summary>Option 61 (RFC 2132 §9.14): a type (1 = Ethernet) and an identifier, usually the MAC.</summary>
public sealed record ClientIdentifierOption(byte Type, ReadOnlyMemory<byte> Identifier)
{
    public static bool TryParse(ReadOnlySpan<byte> data, out ClientIdentifierOption? option)
    {
        option = data.Length >= 2 ? new ClientIdentifierOption(data[0], data[1..].ToArray()) : null;
        return option is not null;
    }
}
