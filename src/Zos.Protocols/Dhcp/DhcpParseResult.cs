using System.Diagnostics.CodeAnalysis;

namespace Zos.Protocols.Dhcp;

/// <summary>The outcome of decoding a datagram: a message, or the reason and a readable detail.</summary>
public readonly record struct DhcpParseResult(DhcpMessage? Message, DhcpParseError Error, string Detail)
{
    [MemberNotNullWhen(true, nameof(Message))]
    public bool Success => Message is not null;

    public static DhcpParseResult Ok(DhcpMessage message) => new(message, DhcpParseError.None, "");

    public static DhcpParseResult Fail(DhcpParseError error, string detail) => new(null, error, detail);
}
