using System.Buffers.Binary;
using System.Text;

namespace Zos.Protocols.Dhcp;

/// <summary>
/// Encodes a <see cref="DhcpMessage"/>: header, cookie, options in list order (values over 255 bytes split into
/// repeated codes, RFC 3396), end, then padding to the 300-byte BOOTP minimum some ROMs expect (RFC 1542 §3.4).
/// Never overloads 'sname'/'file', so header strings and options 66/67 stay readable by every client.
/// </summary>
public static class DhcpMessageWriter
{
    public const int MinimumBootpLength = 300;

    public static byte[] Encode(DhcpMessage message)
    {
        var length = DhcpMessageReader.MinimumLength + 1;
        foreach (var (_, data) in message.Options.All)
            length += data.Length == 0 ? 2 : (data.Length + 254) / 255 * 2 + data.Length;
        var buffer = new byte[Math.Max(length, MinimumBootpLength)];
        var span = buffer.AsSpan();
        span[0] = (byte)message.Opcode;
        span[1] = message.HardwareType;
        span[2] = message.HardwareAddressLength;
        span[3] = message.Hops;
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], message.TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], message.Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], message.Flags);
        Ipv4.ToBytes(message.ClientAddress).CopyTo(span[12..]);
        Ipv4.ToBytes(message.YourAddress).CopyTo(span[16..]);
        Ipv4.ToBytes(message.ServerAddress).CopyTo(span[20..]);
        Ipv4.ToBytes(message.GatewayAddress).CopyTo(span[24..]);
        message.ClientHardwareAddress.AsSpan(0, Math.Min(16, message.ClientHardwareAddress.Length)).CopyTo(span[28..]);
        WriteCString(span.Slice(44, 64), message.ServerName);
        WriteCString(span.Slice(108, 128), message.BootFileName);
        BinaryPrimitives.WriteUInt32BigEndian(span[236..], DhcpMessageReader.MagicCookie);
        var i = DhcpMessageReader.MinimumLength;
        foreach (var (code, data) in message.Options.All)
        {
            var rest = data.Span;
            do
            {
                var chunk = Math.Min(255, rest.Length);
                span[i++] = code;
                span[i++] = (byte)chunk;
                rest[..chunk].CopyTo(span[i..]);
                i += chunk;
                rest = rest[chunk..];
            }
            while (!rest.IsEmpty);
        }
        span[i] = DhcpOptionCode.End;
        return buffer;
    }

    /// <summary>A NUL-terminated field; a value that does not fit is left out (options 66/67 still carry it).</summary>
    private static void WriteCString(Span<byte> field, string value)
    {
        if (Encoding.Latin1.GetByteCount(value) < field.Length)
            Encoding.Latin1.GetBytes(value, field);
    }
}
